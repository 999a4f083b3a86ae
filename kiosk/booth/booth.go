package booth

import (
	"context"
	"errors"
	"sync"
	"time"

	"opinionwall/hardware"
	"opinionwall/kiosk"
)

// WallSource is the reply wall as the kiosk last received it.
type WallSource interface {
	Wall(ctx context.Context) (kiosk.WallSnapshot, error)
}

// VoiceSink stores a voice message with its submission and returns the
// receipt code (the voice store of the kiosk satisfies it). It fails
// politely, with a kiosk error, when the store is full.
type VoiceSink interface {
	SaveVoice(ctx context.Context, pcm []int16, sampleRate int) (code string, err error)
}

// Booth runs the telephone dialogue of a phone booth. Fields configure it
// before Open; HookUp, HookDown and Press may be called from any goroutine.
type Booth struct {
	Audio   hardware.Audio // nil: the booth is silent, the screen still shows each step
	Voice   *Voice
	Config  kiosk.BoothSection
	KioskID string
	Service string // the service a rating is for
	Store   kiosk.SubmissionStore
	Lookup  kiosk.TicketLookup // nil: no lookup
	Wall    WallSource         // nil: no wall
	Sink    VoiceSink          // nil: no voice messages
	// Show receives every change of what the screen should show, on the
	// visit's goroutine; nil for none.
	Show func(View)
	// Event reports what happened for logs and counters ("rated",
	// "voice_saved", "voice_discarded_silence", "timeout", ...); may be nil.
	Event func(name string)
	Now   func() time.Time

	ids    kiosk.UUIDGen
	events chan event
	closed chan struct{} // closed by Close: events are dropped
	mu     sync.Mutex
	hangUp context.CancelFunc // cancels the visit running now
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

type event struct {
	kind string // "up", "down", "key"
	key  Key
}

// Open starts the booth.
func (b *Booth) Open() error {
	if b.Now == nil {
		b.Now = time.Now
	}
	if b.Audio == nil {
		b.Audio = silent{}
	}
	b.events, b.closed = make(chan event, 64), make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	b.cancel = cancel
	b.wg.Add(1)
	go b.loop(ctx)
	return nil
}

// Close hangs up and stops the booth.
func (b *Booth) Close() error {
	if b.cancel != nil {
		b.cancel()
		b.wg.Wait()
		close(b.closed)
		b.cancel = nil
	}
	return nil
}

// HookUp says the handset was lifted: a visit starts with the menu.
func (b *Booth) HookUp() { b.send(event{kind: "up"}) }

// HookDown says the handset was hung up: the visit ends at once, and any
// sound stops.
func (b *Booth) HookDown() {
	b.mu.Lock()
	if b.hangUp != nil {
		b.hangUp()
	}
	b.mu.Unlock()
	b.Audio.Stop()
	b.send(event{kind: "down"})
}

// Press says a key was pressed (keypad, rating button or screen).
func (b *Booth) Press(k Key) { b.send(event{kind: "key", key: k}) }

// send hands an event to the loop; after Close it is dropped.
func (b *Booth) send(e event) {
	select {
	case b.events <- e:
	case <-b.closed:
	}
}

// loop owns whether a visit runs: one at a time, cancelled by the hook.
func (b *Booth) loop(ctx context.Context) {
	defer b.wg.Done()
	var v *visit
	up := false
	stop := func() {
		if v != nil {
			v.cancel()
			b.Audio.Stop()
			<-v.done
			v = nil
		}
	}
	defer stop()
	for {
		select {
		case <-ctx.Done():
			return
		case e := <-b.events:
			switch {
			case e.kind == "up":
				up = true
				stop()
				v = b.start(ctx)
			case e.kind == "down":
				up = false
				stop()
				b.show(View{Step: StepHungUp})
				b.show(View{Step: StepIdle})
			case e.kind == "key" && v != nil && !v.ended():
				select {
				case v.keys <- e.key:
				default: // a caller far ahead of the dialogue: drop the key
				}
			case e.kind == "key" && up:
				stop() // the last visit timed out; a key starts another
				v = b.start(ctx)
			}
		}
	}
}

func (b *Booth) start(parent context.Context) *visit {
	ctx, cancel := context.WithCancel(parent)
	b.mu.Lock()
	b.hangUp = cancel
	b.mu.Unlock()
	v := &visit{b: b, cancel: cancel, keys: make(chan Key, 16), done: make(chan struct{}), louder: b.Config.Louder}
	go func() {
		defer close(v.done)
		err := v.run(ctx)
		if errors.Is(err, errTimeout) {
			b.event("timeout")
		}
	}()
	return v
}

func (b *Booth) show(v View) {
	if b.Show != nil {
		b.Show(v)
	}
}

func (b *Booth) event(name string) {
	if b.Event != nil {
		b.Event(name)
	}
}

// silent is the audio of a booth without a sound card: nothing plays and
// nothing is heard.
type silent struct{}

func (silent) Play(ctx context.Context, pcm []int16) error { return ctx.Err() }
func (silent) Record(ctx context.Context, max time.Duration, level func(float64)) ([]int16, error) {
	return nil, hardware.ErrNoAudio
}
func (silent) Stop() {}
