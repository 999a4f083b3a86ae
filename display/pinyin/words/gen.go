package words

//go:generate go run ./internal/genindex -o index.txt
