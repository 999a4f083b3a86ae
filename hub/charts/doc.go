// Package charts draws the station's statistics (hub.Stats) as PNG charts
// with gonum/plot, labelled in Chinese with the bundled font.
package charts
