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
	wordLine   = regexp.MustCompile(`^\s*WORD\s+\$0x([0-9a-fA-F]{8})\s*//\s*(\S.*?)\s*$`)
	anyWord    = regexp.MustCompile(`^\s*WORD\b`)
	fmlaByElem = regexp.MustCompile(`^fmla v(\d+)\.2d, v(\d+)\.2d, v(\d+)\.d\[([01])\]$`)
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

// encodeFMLAByElement encodes "fmla vD.2d, vN.2d, vM.d[i]" from the Arm ARM
// (FMLA (by element), vector, double precision: Q=1, sz=1, L=0, H=i).
func encodeFMLAByElement(mnemonic string) (uint32, bool) {
	m := fmlaByElem.FindStringSubmatch(mnemonic)
	if m == nil {
		return 0, false
	}
	var r [4]uint32
	for i := range r {
		v, _ := strconv.Atoi(m[i+1])
		if v > 31 {
			return 0, false
		}
		r[i] = uint32(v)
	}
	d, n, vm, h := r[0], r[1], r[2], r[3]
	return 0x4fc01000 | vm<<16 | h<<11 | n<<5 | d, true
}

// TestWordEncodings checks every WORD constant in the assembly against its
// comment, twice: with an encoder written from the Arm ARM for the forms the
// kernels use, and, where binutils-aarch64-linux-gnu is installed, by
// assembling the comments with aarch64-linux-gnu-as and reading the words
// back with aarch64-linux-gnu-objdump.
func TestWordEncodings(t *testing.T) {
	ws := readWords(t)
	t.Run("ArmARM", func(t *testing.T) {
		for _, w := range ws {
			enc, ok := encodeFMLAByElement(w.mnemonic)
			if !ok {
				t.Errorf("%s: %q is not a form this test can encode; extend encodeFMLAByElement", w.pos, w.mnemonic)
				continue
			}
			if enc != w.value {
				t.Errorf("%s: WORD $%#08x, but %q encodes as %#08x", w.pos, w.value, w.mnemonic, enc)
			}
		}
	})
	t.Run("GNU", func(t *testing.T) {
		as, err1 := exec.LookPath("aarch64-linux-gnu-as")
		objdump, err2 := exec.LookPath("aarch64-linux-gnu-objdump")
		if err1 != nil || err2 != nil {
			t.Skip("aarch64-linux-gnu-as or -objdump not installed (Debian: binutils-aarch64-linux-gnu)")
		}
		got := gnuAssemble(t, as, objdump, ws)
		if len(got) != len(ws) {
			t.Fatalf("GNU as produced %d words for %d mnemonics", len(got), len(ws))
		}
		for i, w := range ws {
			if got[i] != w.value {
				t.Errorf("%s: WORD $%#08x, but GNU as encodes %q as %#08x", w.pos, w.value, w.mnemonic, got[i])
			}
		}
	})
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
