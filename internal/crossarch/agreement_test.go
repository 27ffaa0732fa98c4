package crossarch_test

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/blas/blas64"

	"github.com/matcalc/matcalc/kernels"
)

var (
	update = flag.Bool("update", false, "write missing testdata results (or those whose inputs changed) on the generic path")
	force  = flag.Bool("force", false, "with -update, rewrite every testdata result")
)

// item is one computation of the workload.
type item struct {
	// name names the item and its results file, testdata/<name>.json.
	name string
	// tol bounds the disagreement of each value with the committed one:
	// |got[i] - want[i]| ≤ tol · bound[i].
	tol float64
	// run computes the item on the current kernel path from inputs it
	// generates from a fixed seed. It returns the results, a magnitude bound
	// for each (the scale of its rounding error), and the inputs as a
	// fingerprint that tells a change of the inputs from a change of the
	// results.
	run func() (got, bound, inputs []float64)
}

// workload is every item, registered by the init functions of the _test
// files.
var workload []item

// results is the content of a testdata file.
type results struct {
	Name string `json:"name"`
	// Inputs is the FNV-1a hash of the bits of the inputs.
	Inputs string `json:"inputs"`
	// Path and Arch record where the values were computed.
	Path   string    `json:"path"`
	Arch   string    `json:"arch"`
	Values []float64 `json:"values"`
}

func fingerprint(xs []float64) string {
	h := fnv.New64a()
	var b [8]byte
	for _, x := range xs {
		u := math.Float64bits(x)
		for i := range b {
			b[i] = byte(u >> (8 * i))
		}
		h.Write(b[:])
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

func TestMain(m *testing.M) {
	flag.Parse()
	// Route gonum's mat and lapack through the kernels, so that items built
	// on gonum exercise the path under test too.
	blas64.Use(kernels.Implementation{})
	fmt.Fprintf(os.Stderr, "%s\n", kernels.CPUInfo())
	os.Exit(m.Run())
}

// TestAgreement checks every item of the workload on every path this
// machine runs against the committed results.
func TestAgreement(t *testing.T) {
	if len(workload) == 0 {
		t.Fatal("empty workload")
	}
	if *update {
		writeResults(t)
	}
	for _, p := range kernels.Available() {
		t.Run(p.String(), func(t *testing.T) {
			defer kernels.Use(p)()
			for _, it := range workload {
				t.Run(it.name, func(t *testing.T) { checkItem(t, it) })
			}
		})
	}
}

func checkItem(t *testing.T, it item) {
	want, err := readResults(it.name)
	if err != nil {
		t.Fatalf("%v (regenerate with go test -run TestAgreement -update)", err)
	}
	got, bound, inputs := it.run()
	if fp := fingerprint(inputs); fp != want.Inputs {
		t.Fatalf("inputs fingerprint %s, committed results are for %s: the input generator changed; regenerate with -update", fp, want.Inputs)
	}
	if len(got) != len(want.Values) || len(bound) != len(got) {
		t.Fatalf("%d values with %d bounds, committed %d", len(got), len(bound), len(want.Values))
	}
	bad := 0
	var worst float64
	for i, g := range got {
		w := want.Values[i]
		d := math.Abs(g - w)
		if !(d <= it.tol*bound[i]) {
			if bad < 5 {
				t.Errorf("value %d = %v, committed %v (%s on %s): |diff| %.3g > tol %.3g × bound %.3g",
					i, g, w, want.Path, want.Arch, d, it.tol, bound[i])
			}
			bad++
		}
		if bound[i] > 0 {
			worst = max(worst, d/bound[i])
		}
	}
	if bad > 5 {
		t.Errorf("%d of %d values disagree", bad, len(got))
	}
	t.Logf("%d values, largest |diff|/bound %.3g (tol %.3g)", len(got), worst, it.tol)
}

func resultsFile(name string) string { return filepath.Join("testdata", name+".json") }

func readResults(name string) (*results, error) {
	data, err := os.ReadFile(resultsFile(name))
	if err != nil {
		return nil, err
	}
	var r results
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %v", resultsFile(name), err)
	}
	return &r, nil
}

// writeResults computes on the generic path every item whose results file
// is missing or was made from other inputs (every item with -force) and
// writes it.
func writeResults(t *testing.T) {
	defer kernels.Use(kernels.Generic)()
	for _, it := range workload {
		got, _, inputs := it.run()
		fp := fingerprint(inputs)
		old, err := readResults(it.name)
		switch {
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			t.Fatal(err)
		case err == nil && old.Inputs == fp && !*force:
			continue
		}
		for i, v := range got {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%s: value %d is %v; refusing to commit it", it.name, i, v)
			}
		}
		r := results{Name: it.name, Inputs: fp, Path: kernels.Generic.String(), Arch: runtime.GOARCH, Values: got}
		data, err := json.MarshalIndent(r, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(resultsFile(it.name), append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d values)", resultsFile(it.name), len(got))
	}
}
