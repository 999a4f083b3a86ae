package display_test

import (
	"image"
	"testing"
	"time"

	"fyne.io/fyne/v2/canvas"
	"rsc.io/qr"

	"opinionwall/display/displaytest"
	"opinionwall/kiosk"
)

// submitOpinion goes through the opinion flow with a preset phrase.
func submitOpinion(f *displaytest.Kiosk) kiosk.Submission {
	f.Tap("点我说两句")
	f.Tap("提意见")
	f.Tap("环境卫生")
	f.Tap("大和路")
	f.Tap("1")
	f.Tap("下一步")
	f.Tap("有异味")
	f.Tap("下一步")
	f.Tap("不留电话")
	if f.Has("[确认提交]") {
		f.Tap("确认提交")
	}
	f.Want("谢谢！已收到")
	subs := f.Stored()
	return subs[len(subs)-1]
}

// qrShown returns the QR code's picture on screen.
func qrShown(t *testing.T, f *displaytest.Kiosk) image.Image {
	t.Helper()
	for _, o := range f.Objects() {
		if img, ok := o.(*canvas.Image); ok && img.Image != nil && img.Image.Bounds().Dx() > 20 {
			return img.Image
		}
	}
	t.Fatalf("no QR code on screen:\n%s", f.Texts())
	return nil
}

// sameQR checks that img is the QR code of text, module for module, with
// its four-module quiet zone.
func sameQR(t *testing.T, img image.Image, text string) {
	t.Helper()
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds().Dx(), c.Size+8; got != want {
		t.Fatalf("QR code %d modules wide, want %d (the code of %q)", got, want, text)
	}
	for y := -4; y < c.Size+4; y++ {
		for x := -4; x < c.Size+4; x++ {
			r, _, _, _ := img.At(x+4, y+4).RGBA()
			if dark := r < 0x8000; dark != c.Black(x, y) {
				t.Fatalf("module (%d,%d) is not the QR code of %q", x, y, text)
			}
		}
	}
}

func TestReceiptShowsGroupedCodeQRAndCountdown(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	sub := submitOpinion(f)
	f.Want(kiosk.FormatTicket(sub.Ticket))
	f.Want("手机扫码，存下回执号")
	sameQR(t, qrShown(t, f), sub.Ticket) // no URL configured: the code itself
	f.Want("30 秒后回到首页")
	f.Clk.Advance(12 * time.Second)
	f.K.Tick()
	f.Want("18 秒后回到首页")
	f.Clk.Advance(18 * time.Second)
	f.K.Tick()
	f.Want("点我说两句")
	if f.Has(kiosk.FormatTicket(sub.Ticket)) {
		t.Error("the code stays on screen after the visit")
	}
}

func TestReceiptQRHoldsTheStatusPage(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Cfg.Receipt.URL = "https://dahe.example.cn/t/{code}"
	sub := submitOpinion(f)
	f.Want("手机扫码，随时看进度")
	sameQR(t, qrShown(t, f), "https://dahe.example.cn/t/"+sub.Ticket)
	f.Tap("English")
	f.Want("Back to the start in 30 s")
	f.Want("Scan with your phone to follow it")
}
