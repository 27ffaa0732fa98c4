package kernels

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

func TestPaths(t *testing.T) {
	av := Available()
	if len(av) == 0 || av[len(av)-1] != Generic {
		t.Fatalf("Available() = %v, want generic last", av)
	}
	for _, p := range Paths() {
		q, err := ParsePath(strings.ToUpper(p.String()))
		if err != nil || q != p {
			t.Errorf("ParsePath(%q) = %v, %v; want %v", p, q, err, p)
		}
	}
	if _, err := ParsePath("sse9"); err == nil || !strings.Contains(err.Error(), "generic") {
		t.Errorf("ParsePath(sse9) error %v, want one naming the valid paths", err)
	}
}

func TestUse(t *testing.T) {
	before := Current()
	for _, p := range Available() {
		restore := Use(p)
		if Current() != p {
			t.Errorf("after Use(%v), Current() = %v", p, Current())
		}
		restore()
		if Current() != before {
			t.Errorf("after restore, Current() = %v, want %v", Current(), before)
		}
	}
	for _, p := range Paths() {
		if Supported(p) {
			continue
		}
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.Contains(s, "kernels.Use: path "+p.String()) {
					t.Errorf("Use(%v) on a CPU without it: panic %v, want a message naming the path", p, r)
				}
			}()
			Use(p)
		}()
	}
}

// TestEnvVar runs this test binary again with MATCALC_KERNEL set and checks
// the path it reports, and that a bad value prints one line naming the
// valid values and falls back instead of crashing.
func TestEnvVar(t *testing.T) {
	if os.Getenv("MATCALC_TEST_CHILD") != "" {
		// The child: print the path in use on stdout.
		os.Stdout.WriteString("path=" + Current().String() + "\n")
		return
	}
	best := Available()[0]
	for _, c := range []struct {
		env, want string
		warn      bool
	}{
		{"generic", "generic", false},
		{"GENERIC", "generic", false},
		{"bogus", best.String(), true},
		{"", best.String(), false},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestEnvVar$")
		cmd.Env = append(os.Environ(), "MATCALC_TEST_CHILD=1", EnvVar+"="+c.env)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if errors.Is(err, syscall.ENOEXEC) {
			t.Skip("cannot re-execute the test binary (user-mode emulation without binfmt)")
		}
		if err != nil {
			t.Fatalf("%s=%q: child failed: %v\n%s", EnvVar, c.env, err, stderr.String())
		}
		if !strings.Contains(string(out), "path="+c.want+"\n") {
			t.Errorf("%s=%q: child reports %q, want path=%s", EnvVar, c.env, out, c.want)
		}
		warned := strings.Contains(stderr.String(), "is not a kernel path (valid: generic, avx2, neon)")
		if warned != c.warn {
			t.Errorf("%s=%q: warning printed = %v, want %v; stderr:\n%s", EnvVar, c.env, warned, c.warn, stderr.String())
		}
	}
	// A path this CPU lacks is refused the same way.
	for _, p := range Paths() {
		if Supported(p) {
			continue
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestEnvVar$")
		cmd.Env = append(os.Environ(), "MATCALC_TEST_CHILD=1", EnvVar+"="+p.String())
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s=%s: child failed: %v", EnvVar, p, err)
		}
		if !strings.Contains(string(out), "path="+best.String()) || !strings.Contains(stderr.String(), "not supported on this CPU") {
			t.Errorf("%s=%s on a CPU without it: stdout %q, stderr %q", EnvVar, p, out, stderr.String())
		}
	}
}

func TestCPUInfo(t *testing.T) {
	in := CPUInfo()
	if in.Path != Current() || in.Reason == "" || len(in.Available) == 0 {
		t.Errorf("CPUInfo() = %+v", in)
	}
	s := in.String()
	if !strings.Contains(s, "kernel path: "+Current().String()) {
		t.Errorf("CPUInfo().String() = %q, want the path", s)
	}
}

// TestExpectedPath lets CI assert which path dispatch chose on a given CPU:
// MATCALC_EXPECT_PATH=generic under qemu-x86_64 -cpu Nehalem proves the
// no-AVX fallback is taken there.
func TestExpectedPath(t *testing.T) {
	want := os.Getenv("MATCALC_EXPECT_PATH")
	if want == "" {
		t.Skip("MATCALC_EXPECT_PATH not set")
	}
	if got := Current().String(); got != want {
		t.Fatalf("dispatch chose %s, want %s (%s)", got, want, CPUInfo())
	}
}
