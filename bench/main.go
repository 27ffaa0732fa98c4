// Command bench is matcalc's benchmark harness: it shows where matcalc stands
// on this machine.
//
//	go run ./bench                  # the default workload, about two minutes
//	go run ./bench -quick           # seconds: a smoke test
//	go run ./bench -sections gemm -threads 1,2 -json > gemm.jsonl
//	go run ./bench -out plots       # also draw PNG plots into plots/
//
// Tables go to stdout, a progress line per measurement to stderr. With -json
// stdout has one JSON object per measurement instead. Built with
// `-tags openblas` (cgo, Debian's libopenblas-dev) OpenBLAS appears as one
// more implementation in the GEMM tables; the library itself stays cgo-free.
// OpenBLAS names the kernel set it picked (on Zen 4 it picks its AVX-512
// Cooper Lake kernels; OPENBLAS_CORETYPE=Zen forces the AVX2 ones).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// config holds the parsed flags.
type config struct {
	json     bool
	out      string
	sections []string
	quick    bool
	kernel   string
	threads  []int
}

// section is one part of the report.
type section struct {
	name string
	doc  string
	run  func(r *runner) error
}

// sections lists every section in the order the report prints them. Files
// add theirs with register in an init function.
var sections []section

// sectionOrder is the order of the report; register keeps sections in it.
var sectionOrder = []string{"machine", "gemm", "lapack", "kron", "det", "inverse", "power", "eig", "eigsolver"}

func register(s section) {
	if !slices.Contains(sectionOrder, s.name) {
		panic("bench: section " + s.name + " missing from sectionOrder")
	}
	sections = append(sections, s)
	slices.SortFunc(sections, func(a, b section) int {
		return slices.Index(sectionOrder, a.name) - slices.Index(sectionOrder, b.name)
	})
}

func sectionNames() []string {
	names := make([]string, len(sections))
	for i, s := range sections {
		names[i] = s.name
	}
	return names
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args, runs the chosen sections and returns the exit code:
// 0 on success, 1 on a failed section, 2 on bad flags.
func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return 2
	}
	r, err := newRunner(cfg, stdout, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 2
	}
	defer r.restore()
	failed := false
	for _, s := range sections {
		if !slices.Contains(cfg.sections, s.name) {
			continue
		}
		r.section = s.name
		if err := s.run(r); err != nil {
			fmt.Fprintf(stderr, "bench: section %s: %v\n", s.name, err)
			failed = true
		}
	}
	r.progressDone()
	if cfg.out != "" {
		if err := r.writePlots(cfg.out); err != nil {
			fmt.Fprintln(stderr, "bench: plots:", err)
			failed = true
		} else if !cfg.json {
			fmt.Fprintf(stdout, "\nplots written to %s\n", cfg.out)
		}
	}
	if failed {
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &config{}
	fs.BoolVar(&cfg.json, "json", false, "print one JSON object per measurement instead of tables")
	fs.StringVar(&cfg.out, "out", "", "write PNG plots into this directory")
	secs := fs.String("sections", "all", "comma-separated sections to run: all, or any of "+strings.Join(sectionNames(), ", "))
	fs.BoolVar(&cfg.quick, "quick", false, "tiny sizes and short timings, for smoke tests (seconds)")
	fs.StringVar(&cfg.kernel, "kernel", "", "force a kernel path (as MATCALC_KERNEL): generic, avx2, neon")
	threads := fs.String("threads", "", "comma-separated thread counts for the parallel sections (default 1 and GOMAXPROCS)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: go run ./bench [flags]\n\nsections:\n")
		for _, s := range sections {
			fmt.Fprintf(stderr, "  %-8s %s\n", s.name, s.doc)
		}
		fmt.Fprintf(stderr, "\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bench: unexpected arguments %q\n", fs.Args())
		fs.Usage()
		return nil, fmt.Errorf("unexpected arguments")
	}
	if *secs == "all" {
		cfg.sections = sectionNames()
	} else {
		for _, s := range strings.Split(*secs, ",") {
			s = strings.TrimSpace(s)
			if !slices.Contains(sectionNames(), s) {
				fmt.Fprintf(stderr, "bench: unknown section %q\n", s)
				fs.Usage()
				return nil, fmt.Errorf("unknown section")
			}
			cfg.sections = append(cfg.sections, s)
		}
	}
	if *threads == "" {
		cfg.threads = []int{1}
		if n := runtime.GOMAXPROCS(0); n > 1 {
			cfg.threads = append(cfg.threads, n)
		}
	} else {
		for _, s := range strings.Split(*threads, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 1 {
				fmt.Fprintf(stderr, "bench: bad -threads value %q\n", s)
				fs.Usage()
				return nil, fmt.Errorf("bad threads")
			}
			cfg.threads = append(cfg.threads, n)
		}
	}
	return cfg, nil
}
