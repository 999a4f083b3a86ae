package hubside

import (
	"context"
	"fmt"
)

// publish sends a message on the ingest's connection (signed downstream
// messages from the station) and waits for the broker to take it.
func (in *Ingest) publish(ctx context.Context, topic string, retained bool, payload []byte) error {
	if in.client == nil {
		return fmt.Errorf("publish %s: ingest not open", topic)
	}
	tok := in.client.Publish(topic, 1, retained, payload)
	select {
	case <-tok.Done():
		if err := tok.Error(); err != nil {
			return fmt.Errorf("publish %s: %w", topic, err)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("publish %s: %w", topic, ctx.Err())
	}
}
