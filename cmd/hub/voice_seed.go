package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/seed"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
	"opinionwall/voice/opus"
)

// seedVoices leaves n voice messages from a booth (booth-01, number 31)
// in the store the way they arrive: the submission, then its audio in
// chunks; the first gets a worker's summary and transcript. The sound is
// a voice-like tone, coded with libopus like a booth's recording.
func seedVoices(ctx context.Context, db *hubsqlite.DB, desk *hub.Desk, n int, now time.Time, rng *rand.Rand) error {
	codec, err := kiosk.NewTicketCodec(31, "booth-01")
	if err != nil {
		return err
	}
	var ids kiosk.UUIDGen
	for i := range n {
		secs := 12 + rng.Float64()*40
		file, d, err := opus.NewEncoder().Encode(voiceLike(secs, rng), 16000)
		if err != nil {
			return err
		}
		at := now.Add(-time.Duration(n-i) * 7 * time.Minute)
		a := kiosk.DescribeAudio(file, d)
		r := hub.Received{ReceivedAt: at, Submission: kiosk.Submission{ID: ids.New(at), Kiosk: "booth-01", Seq: int64(i + 1),
			Kind: kiosk.KindVoice, Ticket: codec.Code(int64(i + 1)), CreatedAt: at, ClockSynced: true,
			Body: kiosk.Body{Lang: "zh", Channel: kiosk.ChannelHandset, Voice: &a}}}
		if err := db.Apply(ctx, hub.Batch{Submissions: []hub.Received{r}}); err != nil {
			return err
		}
		for c := range a.Chunks() {
			if _, err := db.PutVoiceChunk(ctx, r.Kiosk, r.ID, c, file[c*kiosk.ChunkBytes:min((c+1)*kiosk.ChunkBytes, len(file))]); err != nil {
				return fmt.Errorf("seed voice: %w", err)
			}
		}
		if i == 0 {
			c, _, err := db.Case(ctx, r.ID)
			if err != nil {
				return err
			}
			w, err := desk.Login(ctx, "wang", seed.PIN)
			if err != nil {
				return err
			}
			if _, err := desk.Act(ctx, w, r.ID, c.Version, hub.Action{Kind: hub.ActTranscribe,
				Summary:    "12栋楼道的灯坏了一个星期，老人晚上上下楼看不见",
				Transcript: "喂？我是12栋的，我们楼道的灯坏了差不多一个星期了，晚上黑乎乎的，老人上下楼很危险，麻烦你们找人来修一下，谢谢。"}); err != nil {
				return fmt.Errorf("seed voice: transcribe: %w", err)
			}
		}
	}
	return nil
}

// voiceLike is secs of a voice-like sound: a gliding pitch with
// harmonics, in syllables, a little noise.
func voiceLike(secs float64, rng *rand.Rand) []int16 {
	pcm := make([]int16, int(secs*16000))
	phase, f0 := 0.0, 110+rng.Float64()*120
	for i := range pcm {
		t := float64(i) / 16000
		phase += (f0 + 30*math.Sin(2*math.Pi*0.6*t)) / 16000
		env := math.Max(0, math.Sin(2*math.Pi*(2+math.Sin(t))*t)) * (0.5 + 0.5*math.Sin(2*math.Pi*0.15*t))
		v := 0.0
		for h := 1.0; h <= 6; h++ {
			v += math.Sin(2*math.Pi*h*phase) / h
		}
		pcm[i] = int16(env*7000*v + 200*rng.NormFloat64())
	}
	return pcm
}
