package toml

// example is a minimal configuration: everything not given takes the
// defaults listed in docs/CONFIGURATION.md.
const example = `
# Opinion Wall kiosk configuration. Values not set here take their defaults.

[kiosk]
id = "wall-01"          # [a-z0-9-]{1,32}; also the MQTT client and topic id
number = 12             # 10-99, unique at the station: the first two digits of ticket codes
role = "wall"           # "wall" (opinion wall) or "booth" (phone booth with handset)
languages = ["zh", "en"]
default_language = "zh"
admin_pin = "480731"    # 6-8 digits; opens the maintenance screen
handwriting_model = "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model"  # Zinnia model; "" for no handwriting
handwriting_standard_model = "/usr/share/opinionwall/handwriting-zh_CN-standard-order.model"  # its supplement for the standard stroke order; "" for none
attract = "invite"      # "invite" (replies, figures, 点我说两句) or "rating" (a rating kiosk's question and faces)
ticket_key_file = ""    # the secret behind ticket codes (kioskctl provision writes it); "": codes anyone can compute from the id

[session]
idle_timeout = "90s"      # no input this long ends a visit and discards its input
idle_warning = "15s"      # the countdown shown before that
submitted_timeout = "30s" # how long the ticket code stays on screen
slow_factor = 2.0         # large-text mode multiplies the timeouts
rating_min_gap = "3s"     # rating presses closer than this count once
play_burst = 8            # this many ratings within play_window are probable play
play_window = "30s"
play_streak = 6           # this many same-button ratings in a row are probable play
text_limit = 300          # characters of free text

[store]
retention_days = 30       # texts of delivered submissions are purged after this
max_mb = 0                # cap on the database so it refuses, not the card fills; 0: no cap
audio_mb = 200            # voice messages not yet at the station; a new one past this is refused politely

[hardware]                # Raspberry Pi GPIO names; "" leaves an input out
rate_pins = ["GPIO5", "GPIO6", "GPIO13", "GPIO19"]  # very dissatisfied .. very satisfied
help_pin = "GPIO26"
hook_pin = "GPIO21"       # the booth handset's hook switch
motion_pin = "GPIO20"     # PIR sensor
led_pins = ["GPIO12", "GPIO16", "GPIO17", "GPIO27"]
status_led = "GPIO25"
i2c_bus = "1"             # BH1750 light at 0x23, SHT3x climate at 0x44; "" for none
debounce = "30ms"
long_press = "2s"
sensor_every = "60s"
dim_after = "5m"          # at night, nobody for this long: dim
off_after = "15m"         # then off until motion or a touch
min_brightness = 10
max_brightness = 100

[booth]                   # the phone booth's sound card, voice and keypad (role = "booth")
audio_device = ""         # "" none (silent, said in telemetry), "default", or part of the card's name (kiosk hwcheck lists them)
louder = false            # start each call at the louder volume (0 at the menu or the help button toggles it)
louder_gain = 2.5
prompt_level = 0.08       # RMS every prompt is normalised to, recorded or synthesised
key_timeout = "12s"       # a question waits this long for a key before 还在吗？
max_message = "60s"       # longest voice message
min_message = "2s"        # shorter messages (and hang-ups sooner) are discarded
speech_level = 0.03       # RMS a 50 ms block must reach to count as speech
voice = "cmn"             # espeak-ng voice for synthesised prompts
voice_pack = "/var/lib/opinionwall/voicepack.signed"
keypad_rows = []          # a 3x4 keypad: four row pins (1 2 3 / 4 5 6 / 7 8 9 / * 0 #) ...
keypad_cols = []          # ... and three column pins; none: the rating buttons are keys 1-4

[station]
phone = "0755-2345 6789"  # at most 20; on the attract screen, receipts, and when the station cannot be asked
public_url = ""           # the hub's public web address; the receipt's QR code opens its /t/{code} when receipt.url is ""

[screen]
width_mm = 0              # the panel's physical width in mm; 0: from the resolution (targets are sized in mm)

[receipt]
url = ""                  # e.g. "https://dahe.example.cn/t/{code}"; "" puts the code in the QR code

[receipt.printer]
enabled = false           # an ESC/POS thermal printer
device = "/dev/usb/lp0"   # or a serial port such as /dev/ttyUSB0
timeout = "10s"

[lookup]                  # other kiosks' codes are asked of the station
timeout = "5s"
per_minute = 4
wrong_per_visit = 3       # codes found nowhere that end a visit's lookups
wrong_per_minute = 5      # ... that stop this kiosk's lookups for a minute
wrong_per_hour = 30       # ... and for an hour (someone trying codes)

[[streets]]
name = "大和路"
buildings = ["1栋", "2栋", "3栋"]

[[streets]]
name = "大和二巷"         # no buildings listed: any building name is accepted

[[brightness]]
from = "06:30"
level = 80

[[brightness]]
from = "19:00"
level = 100

[[brightness]]
from = "23:00"
level = 40
`
