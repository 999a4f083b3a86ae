// Command genmodel writes the training samples of the handwriting pad's
// supplementary model: Zinnia S-expressions of the characters the Tegaki
// model does not recognise when they are written in the standard stroke
// order, made from the stroke medians of hanzi-writer-data (Make Me a
// Hanzi's data, Arphic Public License), which are in the order taught in
// school.
//
// It reads the GB2312 level-1 characters (3,755) from the unpacked npm
// package, writes each one's medians fitted as the pad fits what is
// written (handwriting.Fitter) and asks the Tegaki model for it: a
// character that is not among the first five, for the median itself or
// any of its jittered copies, is a target. The samples it writes are
// Copies jittered copies of every target under its own name, and Others
// copies of every other character under the name "_", so that each
// target's classifier learns to tell it from all 3,755 while zinnia_learn
// trains only the targets (and "_", which deploy/handwriting/build.sh
// drops from the model). Run by deploy/handwriting/build.sh (make
// handwriting-model).
package main
