package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/matcalc/matcalc/kernels"
)

// result is one measurement; with -json each is printed as one line.
type result struct {
	Section string  `json:"section"`
	Name    string  `json:"name"`
	Shape   string  `json:"shape"`
	Impl    string  `json:"impl"`
	Threads int     `json:"threads"`
	NsPerOp float64 `json:"ns_per_op"`
	GFLOPS  float64 `json:"gflops"`
	// RelErr is the relative error against a reference, where relevant.
	RelErr *float64 `json:"rel_err,omitempty"`
	// Extra holds section-specific figures: a percentage of peak, a cost
	// ratio, an adjoint residual.
	Extra map[string]float64 `json:"extra,omitempty"`
}

// runner carries the configuration, the output and every result so far.
type runner struct {
	cfg            *config
	stdout, stderr io.Writer
	section        string
	results        []result
	peak           float64 // measured FMA peak of one core in GFLOP/s, 0 if unknown
	restoreKernel  func()
	progressActive bool
}

func newRunner(cfg *config, stdout, stderr io.Writer) (*runner, error) {
	r := &runner{cfg: cfg, stdout: stdout, stderr: stderr, restoreKernel: func() {}}
	if cfg.kernel != "" {
		p, err := kernels.ParsePath(cfg.kernel)
		if err != nil {
			return nil, err
		}
		if !kernels.Supported(p) {
			return nil, fmt.Errorf("-kernel %s is not supported on this CPU (available: %v)", p, kernels.Available())
		}
		r.restoreKernel = kernels.Use(p)
	}
	return r, nil
}

func (r *runner) restore() { r.restoreKernel() }

// record stores a result and prints it as JSON when -json is set.
func (r *runner) record(res result) {
	res.Section = r.section
	r.results = append(r.results, res)
	if r.cfg.json {
		b, err := json.Marshal(res)
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(r.stdout, "%s\n", b)
	}
}

// progress prints a one-line status on stderr, overwriting the previous one.
func (r *runner) progress(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintf(r.stderr, "\r\033[K[%s] %s", r.section, msg)
	r.progressActive = true
}

func (r *runner) progressDone() {
	if r.progressActive {
		fmt.Fprint(r.stderr, "\r\033[K")
		r.progressActive = false
	}
}

// table prints a titled table unless -json is set. rows are tab-separated.
func (r *runner) table(title string, header string, rows []string) {
	if r.cfg.json {
		return
	}
	r.progressDone()
	fmt.Fprintf(r.stdout, "\n%s\n%s\n", title, strings.Repeat("-", len(title)))
	tw := tabwriter.NewWriter(r.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, header+"\t")
	for _, row := range rows {
		fmt.Fprintln(tw, row+"\t")
	}
	tw.Flush()
}

// note prints a line of text under a table unless -json is set.
func (r *runner) note(format string, args ...any) {
	if r.cfg.json {
		return
	}
	fmt.Fprintf(r.stdout, format+"\n", args...)
}

// budget is the time one timing sample aims for.
func (r *runner) budget() time.Duration {
	if r.cfg.quick {
		return 5 * time.Millisecond
	}
	return 150 * time.Millisecond
}

// reps is the number of samples per measurement; the median is reported.
func (r *runner) reps() int {
	if r.cfg.quick {
		return 1
	}
	return 3
}

// timeIt returns the median time per call of f in nanoseconds, with threads
// as GOMAXPROCS. f runs once untimed first (to warm caches and size any
// workspace), then in batches sized to the time budget.
func (r *runner) timeIt(threads int, f func()) float64 {
	prev := runtime.GOMAXPROCS(threads)
	defer runtime.GOMAXPROCS(prev)
	f()
	budget := r.budget()
	n := 1
	for {
		t0 := time.Now()
		for range n {
			f()
		}
		if el := time.Since(t0); el >= budget/4 || n >= 1<<30 {
			n = max(1, int(float64(n)*float64(budget)/float64(max(el, time.Microsecond))))
			break
		}
		n *= 4
	}
	samples := make([]float64, r.reps())
	for i := range samples {
		t0 := time.Now()
		for range n {
			f()
		}
		samples[i] = float64(time.Since(t0).Nanoseconds()) / float64(n)
	}
	sort.Float64s(samples)
	return samples[len(samples)/2]
}

// pctPeak formats gflops as a percentage of the measured peak of threads
// cores.
func (r *runner) pctPeak(gflops float64, threads int) string {
	if r.peak <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*gflops/(r.peak*float64(threads)))
}

func (r *runner) threadCounts() []int { return slices.Clone(r.cfg.threads) }

// fmtDur formats nanoseconds with a unit that keeps three significant digits.
func fmtDur(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.3g s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	}
	return fmt.Sprintf("%.3g ns", ns)
}
