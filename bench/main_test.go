package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQuickJSON runs the harness with -quick -json and checks that every
// line is a JSON object with the documented fields.
func TestQuickJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole harness; skipped in -short mode")
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"-quick", "-json"}, &out, &errOut); code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, errOut.String())
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		for _, f := range []string{"section", "name", "shape", "impl", "threads", "ns_per_op", "gflops"} {
			if _, ok := m[f]; !ok {
				t.Errorf("line %q lacks field %q", sc.Text(), f)
			}
		}
		seen[m["section"].(string)] = true
	}
	for _, s := range sectionNames() {
		if !seen[s] {
			t.Errorf("no JSON line from section %s", s)
		}
	}
}

// TestPlots runs the GEMM section with -out and checks the PNG it writes.
func TestPlots(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run([]string{"-quick", "-sections", "machine,gemm", "-threads", "1", "-out", dir}, &out, &errOut); code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "GEMM") {
		t.Errorf("no GEMM table in the output:\n%s", out.String())
	}
	f, err := os.Open(filepath.Join(dir, "gemm.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("gemm.png is not a valid PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 100 || b.Dy() < 100 {
		t.Errorf("gemm.png is %v, want a real plot", b)
	}
}

// TestBadFlags checks that bad flags print usage and exit 2.
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-nosuch"}, {"-sections", "nosuch"}, {"-threads", "0"}, {"-kernel", "sse9"}, {"extra"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 2 {
			t.Errorf("%v: exit code %d, want 2", args, code)
		}
		if errOut.Len() == 0 {
			t.Errorf("%v: nothing on stderr", args)
		}
	}
}
