package zinnia

// #cgo LDFLAGS: -lzinnia
// #include <stdlib.h>
// #include <zinnia.h>
import "C"

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"unsafe"

	"opinionwall/display/handwriting"
)

// canvas is the side of the square Zinnia is given the strokes in: the
// Tegaki models were trained on a 1000×1000 canvas.
const canvas = 1000

// Recognizer is an open Zinnia recogniser with its model loaded. It is
// safe for concurrent use.
type Recognizer struct {
	mu  sync.Mutex
	rec *C.zinnia_recognizer_t
	chr *C.zinnia_character_t
}

var _ handwriting.Recognizer = (*Recognizer)(nil)

// Open loads the model at path; handwriting.ErrNoModel (wrapped) when the
// file is not there.
func Open(path string) (*Recognizer, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("zinnia: %s: %w", path, handwriting.ErrNoModel)
	} else if err != nil {
		return nil, fmt.Errorf("zinnia: %w", err)
	}
	r := &Recognizer{rec: C.zinnia_recognizer_new(), chr: C.zinnia_character_new()}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	if C.zinnia_recognizer_open(r.rec, cpath) == 0 {
		err := fmt.Errorf("zinnia: open model %s: %s", path, C.GoString(C.zinnia_recognizer_strerror(r.rec)))
		r.free()
		return nil, err
	}
	return r, nil
}

// Size is the number of characters the model knows.
func (r *Recognizer) Size() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.rec == nil {
		return 0
	}
	return int(C.zinnia_recognizer_size(r.rec))
}

// Recognize returns at most n candidates for strokes, best first.
func (r *Recognizer) Recognize(strokes [][]handwriting.Point, n int) ([]handwriting.Candidate, error) {
	if n <= 0 || len(strokes) == 0 {
		return nil, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.rec == nil {
		return nil, errors.New("zinnia: recognizer is closed")
	}
	C.zinnia_character_clear(r.chr)
	C.zinnia_character_set_width(r.chr, canvas)
	C.zinnia_character_set_height(r.chr, canvas)
	fit := handwriting.Fitter(strokes)
	id := 0
	for _, s := range strokes {
		if len(s) == 0 {
			continue
		}
		for _, p := range s {
			p = fit(p)
			C.zinnia_character_add(r.chr, C.size_t(id), C.int(scale(p.X)), C.int(scale(p.Y)))
		}
		id++
	}
	if id == 0 {
		return nil, nil
	}
	res := C.zinnia_recognizer_classify(r.rec, r.chr, C.size_t(n))
	if res == nil {
		return nil, fmt.Errorf("zinnia: classify: %s", C.GoString(C.zinnia_recognizer_strerror(r.rec)))
	}
	defer C.zinnia_result_destroy(res)
	out := make([]handwriting.Candidate, 0, int(C.zinnia_result_size(res)))
	for i := C.size_t(0); i < C.zinnia_result_size(res); i++ {
		out = append(out, handwriting.Candidate{
			Char:  C.GoString(C.zinnia_result_value(res, i)),
			Score: float32(C.zinnia_result_score(res, i)),
		})
	}
	return out, nil
}

// Close frees the model. Recognize after Close returns an error.
func (r *Recognizer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.free()
	return nil
}

func (r *Recognizer) free() {
	if r.rec != nil {
		C.zinnia_recognizer_destroy(r.rec)
		r.rec = nil
	}
	if r.chr != nil {
		C.zinnia_character_destroy(r.chr)
		r.chr = nil
	}
}

// scale maps a unit-square coordinate onto Zinnia's canvas, clamped.
func scale(v float32) int {
	return int(min(max(v, 0), 1) * canvas)
}
