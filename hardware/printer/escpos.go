package printer

import (
	"bytes"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"

	"opinionwall/kiosk"
)

// ESC/POS commands used on a receipt.
var (
	cmdInit        = []byte{0x1b, '@'}       // ESC @: reset
	cmdChinese     = []byte{0x1c, '&'}       // FS &: two-byte (GB18030) characters
	cmdCentre      = []byte{0x1b, 'a', 1}    // ESC a 1
	cmdLeft        = []byte{0x1b, 'a', 0}    // ESC a 0
	cmdDouble      = []byte{0x1d, '!', 0x11} // GS ! : double width and height
	cmdNormal      = []byte{0x1d, '!', 0x00} // GS ! : normal size
	cmdFeedCut     = []byte{0x1b, 'd', 4, 0x1d, 'V', 66, 0}
	cmdPaperStatus = []byte{0x10, 0x04, 4} // DLE EOT 4: roll paper sensor status
)

// Paper sensor status bits of the reply to DLE EOT 4.
const (
	statusFixed    = 0x12 // bits 1 and 4 are always set in a status byte
	statusFixedMsk = 0x93 // bits 0, 1, 4 and 7: fixed 0, 1, 1, 0
	statusPaperEnd = 0x60 // bits 5 and 6: the roll has run out
)

// qr returns the GS ( k commands that store data as a QR code (model 2,
// module size 6, error correction M) and print it.
func qr(data []byte) []byte {
	var b bytes.Buffer
	b.Write([]byte{0x1d, '(', 'k', 4, 0, 49, 65, 50, 0}) // model 2
	b.Write([]byte{0x1d, '(', 'k', 3, 0, 49, 67, 6})     // module size
	b.Write([]byte{0x1d, '(', 'k', 3, 0, 49, 69, 49})    // error correction M
	n := len(data) + 3
	b.Write([]byte{0x1d, '(', 'k', byte(n), byte(n >> 8), 49, 80, 48})
	b.Write(data)
	b.Write([]byte{0x1d, '(', 'k', 3, 0, 49, 81, 48}) // print
	return b.Bytes()
}

// gb encodes text for the printer's Chinese mode; what GB18030 cannot hold
// becomes '?'.
func gb(s string) []byte {
	out, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		return []byte(strings.Map(func(r rune) rune {
			if r < 0x80 {
				return r
			}
			return '?'
		}, s))
	}
	return out
}

// Receipt returns the ESC/POS bytes of a receipt: the code large, the QR
// code, the topic, the date and the station's phone number, then a cut.
func Receipt(r kiosk.Receipt) []byte {
	var b bytes.Buffer
	line := func(s string) { b.Write(gb(s)); b.WriteByte('\n') }
	b.Write(cmdInit)
	b.Write(cmdChinese)
	b.Write(cmdCentre)
	line("社区意见回执 Receipt")
	line("回执号 Ticket code")
	b.Write(cmdDouble)
	line(kiosk.FormatTicket(r.Ticket))
	b.Write(cmdNormal)
	b.Write(qr([]byte(r.QR)))
	b.WriteByte('\n')
	b.Write(cmdLeft)
	if r.Topic.Zh != "" {
		line("事项 Topic: " + r.Topic.Zh)
	}
	if !r.At.IsZero() {
		line("时间 Date: " + r.At.Format("2006-01-02 15:04"))
	}
	if r.Phone != "" {
		line("工作站电话 Station: " + r.Phone)
	}
	line("凭回执号可在任一意见墙查询回复")
	b.Write(cmdFeedCut)
	return b.Bytes()
}
