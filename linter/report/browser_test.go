package report

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// findBrowser returns the first Chromium-like browser in PATH.
func findBrowser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

type box struct {
	What    string  `json:"what"`
	Width   float64 `json:"w"`
	Height  float64 `json:"h"`
	Visible bool    `json:"visible"`
}

// measureJS lists the charts and tables (or the boxes they scroll in) with
// their size and whether they are rendered, plus the page's own width
// against the viewport's.
const measureJS = `(() => {
  const out = [];
  for (const e of document.querySelectorAll('svg.chart, table')) {
    // A wide table scrolls inside its .scroll box: that box must fit.
    const r = (e.closest('.scroll') || e).getBoundingClientRect(), s = getComputedStyle(e);
    const cap = e.querySelector('caption, title');
    out.push({what: e.tagName.toLowerCase() + ': ' + (cap ? cap.textContent.trim().slice(0, 60) : e.id),
      w: r.width, h: r.height, visible: s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0});
  }
  out.push({what: 'page', w: document.documentElement.scrollWidth, h: window.innerWidth, visible: true});
  return out;
})()`

// TestBrowser loads the sample report in headless Chromium at a desktop
// and a phone width, in light and dark schemes: no console errors, no
// requests beyond the file itself, every chart and table rendered, and no
// horizontal scrolling of the page (wide tables scroll in their own box).
// It also renders the print styles. Screenshots go to the test's temp dir, or to $NOTELINT_SCREENSHOTS.
// $NOTELINT_REPORT_HTML checks another report file instead of the sample.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browser := findBrowser()
	if browser == "" {
		t.Skip("no browser found (looked for chromium, chromium-browser, google-chrome in PATH); install chromium to run this test")
	}
	start := time.Now()
	tmp := t.TempDir()
	page := os.Getenv("NOTELINT_REPORT_HTML")
	if page == "" {
		var buf bytes.Buffer
		if err := HTML(&buf, sampleReport()); err != nil {
			t.Fatal(err)
		}
		page = filepath.Join(tmp, "report.html")
		if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	abs, err := filepath.Abs(page)
	if err != nil {
		t.Fatal(err)
	}
	pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	shots := os.Getenv("NOTELINT_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join(tmp, "screenshots")
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(browser),
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()

	var mu sync.Mutex
	var problems []string
	note := func(format string, args ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	if err := chromedp.Listen(bctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning || e.Type == runtime.ConsoleAPICalledTypeAssert {
				note("console %s", e.Type)
			}
		case *runtime.EventExceptionThrown:
			note("exception: %s", e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
				note("browser log %s: %s", e.Entry.Level, e.Entry.Text)
			}
		case *network.EventRequestWillBeSent:
			if u := e.Request.URL; !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
				note("request to %s", u)
			}
		case *network.EventLoadingFailed:
			note("failed request (%s): %s", e.Type, e.ErrorText)
		}
	}); err != nil {
		t.Fatalf("start %s: %v", browser, err)
	}
	if _, err := chromedp.Call(bctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}

	for _, v := range []struct {
		name          string
		width, height int64
		scheme        string
		media         string
	}{
		{"desktop", 1280, 900, "light", ""},
		{"phone", 390, 844, "light", ""},
		{"desktop-dark", 1280, 900, "dark", ""},
		{"phone-dark", 390, 844, "dark", ""},
		{"print", 794, 1123, "dark", "print"}, // A4 at 96 dpi; print is always light
	} {
		var opts []chromedp.EmulateViewportOption
		if v.width < 600 {
			opts = append(opts, chromedp.EmulateMobile)
		}
		err := chromedp.Do(bctx,
			chromedp.EmulateViewport(v.width, v.height, opts...),
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Media:    v.media,
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: v.scheme}}})
				return err
			}),
			chromedp.Navigate(pageURL),
			chromedp.WaitVisible(chromedp.CSS("#rule-chart")),
		)
		if err != nil {
			t.Fatalf("%s: load %s: %v", v.name, pageURL, err)
		}
		boxes, err := chromedp.Run(bctx, chromedp.Evaluate[[]box](measureJS))
		if err != nil {
			t.Fatalf("%s: %v", v.name, err)
		}
		charts, tables := 0, 0
		for _, b := range boxes {
			switch {
			case b.What == "page":
				if b.Width > b.Height+1 {
					t.Errorf("%s: the page is %.0f px wide in a %.0f px viewport: it scrolls sideways", v.name, b.Width, b.Height)
				}
			case !b.Visible:
				t.Errorf("%s: %s is not visible (%.0f×%.0f)", v.name, b.What, b.Width, b.Height)
			case b.Width > float64(v.width):
				t.Errorf("%s: %s is %.0f px wide, wider than the screen", v.name, b.What, b.Width)
			case strings.HasPrefix(b.What, "svg"):
				charts++
				if b.Width < float64(v.width)/3 || b.Height < 100 {
					t.Errorf("%s: %s is only %.0f×%.0f", v.name, b.What, b.Width, b.Height)
				}
			default:
				tables++
			}
		}
		if charts != 2 || tables < 2 {
			t.Errorf("%s: %d charts and %d tables visible", v.name, charts, tables)
		}
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("%s: screenshot: %v", v.name, err)
		}
		p := filepath.Join(shots, v.name+".png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"trend-chart", "rule-chart"} {
			png, err := chromedp.Run(bctx, chromedp.Screenshot(chromedp.CSS("#"+id)))
			if err != nil {
				t.Fatalf("%s: screenshot of #%s: %v", v.name, id, err)
			}
			os.WriteFile(filepath.Join(shots, v.name+"-"+id+".png"), png, 0o644)
		}
		t.Logf("%s: %d charts, %d tables; screenshot %s", v.name, charts, tables, p)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("browser test took %v with %s", time.Since(start).Round(time.Millisecond), browser)
}
