package printer

import (
	"os"

	"golang.org/x/sys/unix"
)

// openFlags open the device for status replies, without making a serial
// port the process's controlling terminal.
const openFlags = os.O_RDWR | unix.O_NOCTTY

// bauds are the serial speeds a printer may be set to.
var bauds = map[int]uint32{9600: unix.B9600, 19200: unix.B19200, 38400: unix.B38400, 57600: unix.B57600, 115200: unix.B115200}

// makeRaw puts a serial port in raw 8N1 mode at baud (0: as set), so that
// the receipt's bytes reach the printer unchanged. Other devices (a USB
// printer) are left alone.
func makeRaw(f *os.File, baud int) error {
	fd := int(f.Fd())
	t, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return nil // not a terminal: nothing to set
	}
	t.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	t.Oflag &^= unix.OPOST
	t.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.ISIG | unix.IEXTEN
	t.Cflag &^= unix.CSIZE | unix.PARENB
	t.Cflag |= unix.CS8 | unix.CREAD | unix.CLOCAL
	if b, ok := bauds[baud]; ok {
		t.Cflag = t.Cflag&^unix.CBAUD | b
		t.Ispeed, t.Ospeed = b, b
	}
	return unix.IoctlSetTermios(fd, unix.TCSETS, t)
}
