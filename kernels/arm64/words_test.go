package arm64

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// word is one WORD directive of the assembly with the GNU mnemonic in its
// comment.
type word struct {
	pos      string // file:line
	value    uint32
	mnemonic string
}

var (
	wordLine = regexp.MustCompile(`^\s*WORD\s+\$0x([0-9a-fA-F]{8})\s*//\s*(\S.*?)\s*$`)
	anyWord  = regexp.MustCompile(`^\s*WORD\b`)
)

// readWords returns every WORD of the package's assembly files, in order,
// and fails the test for a WORD without a mnemonic comment.
func readWords(t *testing.T) []word {
	t.Helper()
	files, err := filepath.Glob("*.s")
	if err != nil {
		t.Fatal(err)
	}
	var ws []word
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if !anyWord.MatchString(line) {
				continue
			}
			pos := fmt.Sprintf("%s:%d", name, n)
			m := wordLine.FindStringSubmatch(line)
			if m == nil {
				t.Errorf("%s: WORD without a 32-bit hex constant and a GNU mnemonic comment: %q", pos, line)
				continue
			}
			v, err := strconv.ParseUint(m[1], 16, 32)
			if err != nil {
				t.Fatal(err)
			}
			ws = append(ws, word{pos: pos, value: uint32(v), mnemonic: m[2]})
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	if len(ws) == 0 {
		t.Fatal("no WORD directives found in the package's assembly")
	}
	return ws
}

// armForms are the double-precision vector instructions that Go's assembler
// lacks, with their encodings from the Arm Architecture Reference Manual: the
// base word and the regular expression whose groups are, in order, Rd, Rn,
// Rm and the lane index H (forms without some of them have fewer groups).
var armForms = []struct {
	base uint32
	re   *regexp.Regexp
	regs []int // shift of each group's field
}{
	// FMLA (by element), vector, double: Q=1 sz=1 L=0.
	{0x4fc01000, regexp.MustCompile(`^fmla v(\d+)\.2d, v(\d+)\.2d, v(\d+)\.d\[([01])\]$`), []int{0, 5, 16, 11}},
	// FMUL (by element), vector, double.
	{0x4fc09000, regexp.MustCompile(`^fmul v(\d+)\.2d, v(\d+)\.2d, v(\d+)\.d\[([01])\]$`), []int{0, 5, 16, 11}},
	// FADD (vector), double.
	{0x4e60d400, regexp.MustCompile(`^fadd v(\d+)\.2d, v(\d+)\.2d, v(\d+)\.2d$`), []int{0, 5, 16}},
	// FMUL (vector), double.
	{0x6e60dc00, regexp.MustCompile(`^fmul v(\d+)\.2d, v(\d+)\.2d, v(\d+)\.2d$`), []int{0, 5, 16}},
	// FADDP (vector), double.
	{0x6e60d400, regexp.MustCompile(`^faddp v(\d+)\.2d, v(\d+)\.2d, v(\d+)\.2d$`), []int{0, 5, 16}},
	// FADDP (scalar), double: Dd = Vn.d[0] + Vn.d[1].
	{0x7e70d800, regexp.MustCompile(`^faddp d(\d+), v(\d+)\.2d$`), []int{0, 5}},
}

// encodeARM encodes a GNU mnemonic of one of armForms.
func encodeARM(mnemonic string) (uint32, bool) {
	for _, f := range armForms {
		m := f.re.FindStringSubmatch(mnemonic)
		if m == nil {
			continue
		}
		w := f.base
		for i, shift := range f.regs {
			v, err := strconv.Atoi(m[i+1])
			if err != nil || v > 31 {
				return 0, false
			}
			w |= uint32(v) << shift
		}
		return w, true
	}
	return 0, false
}

// TestARMEncoder checks encodeARM itself against GNU as, on every form with
// registers that set every bit of every field.
func TestARMEncoder(t *testing.T) {
	as, objdump := gnuTools(t)
	var ws []word
	for _, m := range []string{
		"fmla v0.2d, v0.2d, v0.d[0]", "fmla v31.2d, v21.2d, v10.d[1]", "fmla v8.2d, v3.2d, v17.d[1]",
		"fmul v0.2d, v31.2d, v16.d[0]", "fmul v31.2d, v0.2d, v15.d[1]",
		"fadd v0.2d, v31.2d, v16.2d", "fadd v31.2d, v0.2d, v15.2d",
		"fmul v0.2d, v31.2d, v16.2d", "fmul v31.2d, v0.2d, v15.2d",
		"faddp v0.2d, v31.2d, v16.2d", "faddp v31.2d, v0.2d, v15.2d",
		"faddp d0, v31.2d", "faddp d31, v0.2d",
	} {
		w, ok := encodeARM(m)
		if !ok {
			t.Fatalf("encodeARM cannot encode %q", m)
		}
		ws = append(ws, word{pos: "table", value: w, mnemonic: m})
	}
	compareGNU(t, as, objdump, ws)
}

// TestWordEncodings checks every WORD constant in the assembly against its
// comment, twice: with an encoder written from the Arm ARM for the forms the
// kernels use (armForms), and, where binutils-aarch64-linux-gnu is installed, by
// assembling the comments with aarch64-linux-gnu-as and reading the words
// back with aarch64-linux-gnu-objdump.
func TestWordEncodings(t *testing.T) {
	ws := readWords(t)
	t.Run("ArmARM", func(t *testing.T) {
		for _, w := range ws {
			enc, ok := encodeARM(w.mnemonic)
			if !ok {
				t.Errorf("%s: %q is not a form this test can encode; add it to armForms", w.pos, w.mnemonic)
				continue
			}
			if enc != w.value {
				t.Errorf("%s: WORD $%#08x, but %q encodes as %#08x", w.pos, w.value, w.mnemonic, enc)
			}
		}
	})
	t.Run("GNU", func(t *testing.T) {
		as, objdump := gnuTools(t)
		compareGNU(t, as, objdump, ws)
	})
}

// gnuTools returns the paths of aarch64-linux-gnu-as and -objdump, and skips
// the test where they are not installed.
func gnuTools(t *testing.T) (as, objdump string) {
	t.Helper()
	as, err1 := exec.LookPath("aarch64-linux-gnu-as")
	objdump, err2 := exec.LookPath("aarch64-linux-gnu-objdump")
	if err1 != nil || err2 != nil {
		t.Skip("aarch64-linux-gnu-as or -objdump not installed (Debian: binutils-aarch64-linux-gnu)")
	}
	return as, objdump
}

// compareGNU assembles the mnemonics of ws with GNU as and checks the words
// against ws's values.
func compareGNU(t *testing.T, as, objdump string, ws []word) {
	t.Helper()
	got := gnuAssemble(t, as, objdump, ws)
	if len(got) != len(ws) {
		t.Fatalf("GNU as produced %d words for %d mnemonics", len(got), len(ws))
	}
	for i, w := range ws {
		if got[i] != w.value {
			t.Errorf("%s: WORD $%#08x, but GNU as encodes %q as %#08x", w.pos, w.value, w.mnemonic, got[i])
		}
	}
}

// gnuAssemble assembles the mnemonics of ws, one instruction each, and
// returns the instruction words objdump reads back, in order.
func gnuAssemble(t *testing.T, as, objdump string, ws []word) []uint32 {
	t.Helper()
	dir := t.TempDir()
	var src strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&src, "\t%s\n", w.mnemonic)
	}
	srcPath, objPath := filepath.Join(dir, "words.s"), filepath.Join(dir, "words.o")
	if err := os.WriteFile(srcPath, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(as, "-o", objPath, srcPath).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", as, err, out)
	}
	out, err := exec.Command(objdump, "-d", objPath).Output()
	if err != nil {
		t.Fatalf("%s: %v", objdump, err)
	}
	// Instruction lines look like "   4:\t4fc01089 \tfmla\tv9.2d, ...".
	var words []uint32
	for _, line := range bytes.Split(out, []byte("\n")) {
		f := strings.Split(string(line), "\t")
		if len(f) < 3 || !strings.HasSuffix(strings.TrimSpace(f[0]), ":") {
			continue
		}
		v, err := strconv.ParseUint(strings.TrimSpace(f[1]), 16, 32)
		if err != nil {
			continue
		}
		words = append(words, uint32(v))
	}
	return words
}
