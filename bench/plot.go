package main

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// writePlots draws the PNG plots of the results so far into dir: GEMM
// GFLOP/s against n per implementation with the peak as a line, and the cost
// of each derivative routine against n.
func (r *runner) writePlots(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := r.plotGemm(filepath.Join(dir, "gemm.png")); err != nil {
		return err
	}
	for _, sec := range []string{"det", "inverse", "power", "eig"} {
		if err := r.plotDerivatives(sec, filepath.Join(dir, "derivatives-"+sec+".png")); err != nil {
			return err
		}
	}
	return nil
}

// plotLabel spells a routine's name with the characters the plot's font
// has.
var plotLabel = strings.NewReplacer("⁻¹", "^-1", "⁻ᵀ", "^-T", "ᵀ", "^T", "Ȳ", "Ybar",
	"·", "*", "−", "-", "⊗", "(x)").Replace

// squareN returns n for a square shape "nxnxn" (or "nxn"), and false
// otherwise.
func squareN(shape string) (int, bool) {
	parts := strings.Split(shape, "x")
	n, err := strconv.Atoi(parts[0])
	if err != nil {
		return 0, false
	}
	for _, p := range parts[1:] {
		if p != parts[0] {
			return 0, false
		}
	}
	return n, true
}

func (r *runner) plotGemm(path string) error {
	p := plot.New()
	p.Title.Text = "DGEMM, square, 1 thread"
	p.X.Label.Text = "n"
	p.Y.Label.Text = "GFLOP/s"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	series := map[string]plotter.XYs{}
	var maxN float64
	for _, res := range r.results {
		if res.Section != "gemm" || res.Threads != 1 {
			continue
		}
		n, ok := squareN(res.Shape)
		if !ok {
			continue
		}
		series[res.Impl] = append(series[res.Impl], plotter.XY{X: float64(n), Y: res.GFLOPS})
		maxN = max(maxN, float64(n))
	}
	if len(series) == 0 {
		return nil
	}
	if err := addLines(p, series); err != nil {
		return err
	}
	if r.peak > 0 {
		peak, err := plotter.NewLine(plotter.XYs{{X: 32, Y: r.peak}, {X: maxN * 1.5, Y: r.peak}})
		if err != nil {
			return err
		}
		peak.Color = color.Gray{Y: 100}
		peak.Dashes = []vg.Length{vg.Points(4), vg.Points(4)}
		p.Add(peak)
		p.Legend.Add(fmt.Sprintf("FMA peak (%.0f)", r.peak), peak)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	p.Y.Min = 0
	p.Y.Max = 1.15 * math.Max(p.Y.Max, r.peak) // room above the peak line for the legend
	return p.Save(7*vg.Inch, 4.5*vg.Inch, path)
}

// plotDerivatives draws the cost of section's derivative routines relative
// to the factorization they reuse, against n.
func (r *runner) plotDerivatives(section, path string) error {
	p := plot.New()
	p.Title.Text = section + "/: cost relative to the factorization it reuses"
	p.X.Label.Text = "n"
	p.Y.Label.Text = "time / factorization time"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	series := map[string]plotter.XYs{}
	for _, res := range r.results {
		ratio, ok := res.Extra["cost_ratio"]
		if !ok || res.Section != section {
			continue
		}
		n, ok := squareN(res.Shape)
		if !ok {
			continue
		}
		key := plotLabel(res.Name)
		series[key] = append(series[key], plotter.XY{X: float64(n), Y: ratio})
	}
	if len(series) == 0 {
		return nil
	}
	if err := addLines(p, series); err != nil {
		return err
	}
	p.Legend.Top = true
	p.Legend.Left = true
	p.Y.Min = 0
	p.Y.Max *= 1.8 // room above the lines for the legend
	return p.Save(7*vg.Inch, 5*vg.Inch, path)
}

// addLines adds one line with points per series, in a stable order.
func addLines(p *plot.Plot, series map[string]plotter.XYs) error {
	names := make([]string, 0, len(series))
	for name := range series {
		names = append(names, name)
	}
	sort.Strings(names)
	var args []any
	for _, name := range names {
		xy := series[name]
		sort.Slice(xy, func(i, j int) bool { return xy[i].X < xy[j].X })
		args = append(args, name, xy)
	}
	return plotutil.AddLinePoints(p, args...)
}
