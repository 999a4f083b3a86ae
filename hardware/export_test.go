package hardware

// Pressed reports the debounced state, for the tests.
func (d *Debouncer) Pressed() bool { return d.stable }

// AutoBrightness is autoBrightness, for the tests.
var AutoBrightness = autoBrightness
