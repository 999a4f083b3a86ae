// Package voicepack reads and installs the booth's voice packs: the fixed
// prompts recorded in a station worker's own voice, as one envelope signed
// by an operations key (message type "voicepack"), versioned. A booth
// prefers a pack's clip and falls back to speech synthesis prompt by
// prompt: a pack that is missing, unsigned, truncated or older is not
// used, a clip that does not decode is left out, and nothing here ever
// silences the booth. Signatures are checked by a Verifier (the kiosk's
// mqtt.Trust), so this package needs no MQTT.
//
// The Installer takes the packs the station pushes over MQTT (the relay
// hands them over) and switches a running booth's voice. Clips are WAV or
// Ogg Opus; Opus decodes through OpusDecoder, set where libopus is linked.
// The Studio records a pack prompt by prompt through a hardware.Audio (the
// station's sound card; the fake device in tests) into a folder; Make reads
// that folder, codes the clips (Opus through OpusEncoder, set where libopus
// is linked) and signs the pack (Seal), for both `kioskctl voicepack sign`
// and the review app's 语音包 screen, which sends it through the hub.
package voicepack
