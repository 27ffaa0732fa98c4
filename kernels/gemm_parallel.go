package kernels

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// parallelMinVolume is the smallest m·n·k that gemmBlocked splits across
// goroutines. Below it a block takes about as long as handing it to a
// worker, and the caller often finishes its own half and takes the other
// before the worker starts it. On Zen 4 with 2 threads, 128³ ran at 80
// GFLOP/s split and 52 serial; at 64³-100³ splitting gained little or
// nothing and varied from run to run.
var parallelMinVolume = 96 * 96 * 96

// gemmSplit returns how many row blocks (pm) and column blocks (pn) of C an
// m×n×k product is split into: pm·pn ≤ GOMAXPROCS, blocks of at least one
// register tile and half of parallelMinVolume, as square as the shape
// allows. 1, 1 means serial.
func gemmSplit(g *gemmKernel, m, n, k int) (pm, pn int) {
	if m*n*k < parallelMinVolume {
		return 1, 1
	}
	// At most GOMAXPROCS blocks, each of at least half the threshold.
	procs := min(runtime.GOMAXPROCS(0), m*n*k/max(1, parallelMinVolume/2))
	if procs <= 1 {
		return 1, 1
	}
	tm, tn := (m+g.mr-1)/g.mr, (n+g.nr-1)/g.nr
	pm, pn = 1, 1
	best := -1.0
	for i := 1; i <= min(procs, tm); i++ {
		j := min(procs/i, tn)
		// Prefer more goroutines, then blocks closest to square.
		bm, bn := float64(m)/float64(i), float64(n)/float64(j)
		score := float64(i*j)*1e6 - max(bm/bn, bn/bm)
		if score > best {
			best, pm, pn = score, i, j
		}
	}
	return pm, pn
}

// gemmTask is one independent block of C for gemmSerial.
type gemmTask struct {
	g              *gemmKernel
	sh             shape
	aTrans, bTrans bool
	m, n, k        int
	alpha          float64
	a, b, c        []float64
	lda, ldb, ldc  int

	claimed atomic.Bool
	wg      *sync.WaitGroup
}

// run computes the task with the packing buffers buf unless another
// goroutine has claimed it.
func (t *gemmTask) run(buf *gemmBuffers) {
	if !t.claimed.CompareAndSwap(false, true) {
		return
	}
	gemmSerial(t.g, buf, t.sh, t.aTrans, t.bTrans, t.m, t.n, t.k, t.alpha, t.a, t.lda, t.b, t.ldb, t.c, t.ldc)
	t.wg.Done()
}

// gemmJob holds the tasks of one parallel call; jobs are pooled so that
// steady-state calls do not allocate.
type gemmJob struct {
	wg    sync.WaitGroup
	tasks []gemmTask
}

var gemmJobs = sync.Pool{New: func() any { return new(gemmJob) }}

// The worker goroutines are started on first use, as many as GOMAXPROCS-1
// has ever been, and park on gemmWork when idle (after spinning briefly).
// A task pointer may reach a worker after its caller has claimed and
// finished it, even after the pooled task was reused by another call: a
// worker touches nothing but claimed until its compare-and-swap succeeds,
// and a task's fields are written before claimed is cleared, so a stale
// pointer either does nothing or runs the new call's task exactly once.
var (
	gemmWork    = make(chan *gemmTask, 256)
	workersMu   sync.Mutex
	workerCount int
)

// workerSpin is how long a worker keeps polling for the next task after
// finishing one before it parks: waking a parked goroutine takes tens of
// microseconds, as long as a whole 128×128×128 block, while a caller that
// multiplies in a loop sends its next task within microseconds. OpenBLAS's
// threads spin likewise.
const workerSpin = 50 * time.Microsecond

func ensureWorkers(n int) {
	workersMu.Lock()
	for ; workerCount < n; workerCount++ {
		go worker()
	}
	workersMu.Unlock()
}

// worker runs tasks from gemmWork for the life of the process.
// Its packing buffers are its own, out of the pools that GC empties.
func worker() {
	buf := new(gemmBuffers)
	for t := range gemmWork {
		t.run(buf)
		for deadline := time.Now().Add(workerSpin); time.Now().Before(deadline); {
			select {
			case t := <-gemmWork:
				t.run(buf)
				deadline = time.Now().Add(workerSpin)
			default:
				runtime.Gosched()
			}
		}
	}
}

// gemmParallel splits C into pm×pn blocks and runs them on the calling
// goroutine and the workers. The caller runs any block no worker has taken,
// so it never waits on workers busy with other calls. A product of a
// triangular op(A) (sh.a) must be split by columns only (pm = 1): its
// blocks keep A whole.
func gemmParallel(g *gemmKernel, pm, pn int, sh shape, aTrans, bTrans bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	nt := pm * pn
	ensureWorkers(nt - 1)
	job := gemmJobs.Get().(*gemmJob)
	if cap(job.tasks) < nt {
		job.tasks = make([]gemmTask, nt)
	}
	tasks := job.tasks[:nt]
	tm, tn := (m+g.mr-1)/g.mr, (n+g.nr-1)/g.nr
	job.wg.Add(nt)
	for r := 0; r < pm; r++ {
		i0, i1 := min(m, tm*r/pm*g.mr), min(m, tm*(r+1)/pm*g.mr)
		for s := 0; s < pn; s++ {
			j0, j1 := min(n, tn*s/pn*g.nr), min(n, tn*(s+1)/pn*g.nr)
			tasks[r*pn+s].setBlock(job, g, sh, aTrans, bTrans, i0, i1, j0, j1, k, alpha, a, lda, b, ldb, c, ldc)
		}
	}
	runJob(job, tasks)
}

// setBlock makes t the block C[i0:i1, j0:j1] of the product, of shape sh
// (relative to the block), counted in job.wg: unclaimed, or done already
// when the block is empty.
func (t *gemmTask) setBlock(job *gemmJob, g *gemmKernel, sh shape, aTrans, bTrans bool, i0, i1, j0, j1, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	t.wg = &job.wg
	if i1 <= i0 || j1 <= j0 {
		t.a, t.b, t.c = nil, nil, nil
		t.claimed.Store(true)
		job.wg.Done()
		return
	}
	t.g, t.sh, t.aTrans, t.bTrans = g, sh, aTrans, bTrans
	t.m, t.n, t.k, t.alpha = i1-i0, j1-j0, k, alpha
	t.a, t.lda = a, lda
	if aTrans {
		t.a = a[i0:]
	} else if i0 > 0 {
		t.a = a[i0*lda:]
	}
	t.b, t.ldb = b, ldb
	if !bTrans {
		t.b = b[j0:]
	} else if j0 > 0 {
		t.b = b[j0*ldb:]
	}
	t.c, t.ldc = c[i0*ldc+j0:], ldc
	t.claimed.Store(false)
}

// runJob offers tasks[1:] to the workers and runs, on the calling goroutine,
// every task no worker has taken, then waits for all of them and returns the
// job to its pool. The tasks' WaitGroup is job.wg, already counting them.
func runJob(job *gemmJob, tasks []gemmTask) {
	nt := len(tasks)
	for i := 1; i < nt; i++ {
		if tasks[i].claimed.Load() {
			continue
		}
		select {
		case gemmWork <- &tasks[i]:
		default: // queue full: the caller runs it below
		}
	}
	buf := gemmPool.Get().(*gemmBuffers)
	for i := range tasks {
		tasks[i].run(buf)
	}
	gemmPool.Put(buf)
	job.wg.Wait()
	for i := range tasks {
		tasks[i].a, tasks[i].b, tasks[i].c = nil, nil, nil
	}
	gemmJobs.Put(job)
}
