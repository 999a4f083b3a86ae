package handwriting_test

import (
	"testing"

	"opinionwall/display/handwriting"
	"opinionwall/kiosk"
)

// The pad's default model is the one the kiosk's configuration defaults to.
func TestDefaultModelIsTheConfigDefault(t *testing.T) {
	if got, want := kiosk.Defaults().Kiosk.HandwritingModel, handwriting.DefaultModel; got != want {
		t.Fatalf("kiosk.handwriting_model defaults to %q, the pad's DefaultModel is %q", got, want)
	}
	if got, want := kiosk.Defaults().Kiosk.HandwritingStandardModel, handwriting.DefaultStandardModel; got != want {
		t.Fatalf("kiosk.handwriting_standard_model defaults to %q, the pad's DefaultStandardModel is %q", got, want)
	}
}
