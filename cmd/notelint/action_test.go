package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestAction runs the composite action's shell steps from action.yml the
// way a runner would (no GitHub runner is available in tests): expressions
// are replaced by the given inputs, GITHUB_* and RUNNER_* files are
// provided, and the outputs and exit status are checked.
func TestAction(t *testing.T) {
	if testing.Short() {
		t.Skip("builds notelint; skipped with -short")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash")
	}
	root, _ := filepath.Abs("../..")
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]struct {
			Default string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Using string `yaml:"using"`
			Steps []struct {
				ID    string            `yaml:"id"`
				Uses  string            `yaml:"uses"`
				Run   string            `yaml:"run"`
				Shell string            `yaml:"shell"`
				Env   map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q", action.Runs.Using)
	}
	for _, in := range []string{"path", "config", "fail-on", "format", "sarif-file", "only-changed", "baseline", "args"} {
		if _, ok := action.Inputs[in]; !ok {
			t.Errorf("action.yml lacks input %q", in)
		}
	}
	temp := t.TempDir()

	runAction := func(t *testing.T, dir string, inputs map[string]string) (stdout string, outputs map[string]string, code int) {
		t.Helper()
		outFile := filepath.Join(dir, "github_output")
		summary := filepath.Join(dir, "step_summary")
		os.WriteFile(outFile, nil, 0o644)
		expr := regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)
		subst := func(s string) string {
			return expr.ReplaceAllStringFunc(s, func(m string) string {
				e := expr.FindStringSubmatch(m)[1]
				switch {
				case strings.HasPrefix(e, "inputs."):
					name := strings.TrimPrefix(e, "inputs.")
					if v, ok := inputs[name]; ok {
						return v
					}
					return action.Inputs[name].Default
				case e == "github.action_path":
					return root
				}
				return "" // github.event.* and the like: not set locally
			})
		}
		var out bytes.Buffer
		code = 0
		for _, st := range action.Runs.Steps {
			if st.Uses != "" {
				if !strings.HasPrefix(st.Uses, "actions/setup-go@") {
					t.Fatalf("unexpected step uses %s", st.Uses)
				}
				continue // Go is already installed here
			}
			if st.Shell != "bash" {
				t.Fatalf("step %q: shell %q, want bash", st.ID, st.Shell)
			}
			cmd := exec.Command("bash", "-e", "-c", subst(st.Run))
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GITHUB_ACTION_PATH="+root, "RUNNER_TEMP="+temp,
				"GITHUB_OUTPUT="+outFile, "GITHUB_STEP_SUMMARY="+summary, "NO_COLOR=1",
				"XDG_CACHE_HOME="+filepath.Join(temp, "cache"))
			for k, v := range st.Env {
				cmd.Env = append(cmd.Env, k+"="+subst(v))
			}
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil {
				if ee, ok := err.(*exec.ExitError); ok {
					code = ee.ExitCode()
					break
				}
				t.Fatal(err)
			}
		}
		outputs = map[string]string{}
		b, _ := os.ReadFile(outFile)
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, "="); ok {
				outputs[k] = v
			}
		}
		return out.String(), outputs, code
	}

	t.Run("defects fail the step", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{
			"content/a.md": "---\ntitle: Untitled\ntrack: Ops\n---\nBody.\n",
			"content/b.md": "---\ntitle: Fine\ntrack: Ops\n---\nBody.\n",
		})
		stdout, outputs, code := runAction(t, dir, map[string]string{"path": "content"})
		if code != 1 || outputs["exit-code"] != "1" {
			t.Errorf("exit %d, outputs %v\n%s", code, outputs, stdout)
		}
		if !strings.Contains(stdout, "::error file=content/a.md,line=2,col=8") {
			t.Errorf("no annotation in\n%s", stdout)
		}
		if outputs["sarif-file"] != "notelint.sarif" {
			t.Errorf("sarif-file output = %q", outputs["sarif-file"])
		}
		if b, err := os.ReadFile(filepath.Join(dir, "notelint.sarif")); err != nil || !bytes.Contains(b, []byte(`"ruleId": "untitled"`)) {
			t.Errorf("SARIF file: %v", err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "step_summary")); !bytes.Contains(b, []byte("untitled")) {
			t.Errorf("step summary lacks the finding:\n%s", b)
		}
	})
	t.Run("fail-on none passes with findings", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: Untitled\ntrack: Ops\n---\n"})
		_, outputs, code := runAction(t, dir, map[string]string{"fail-on": "none", "sarif-file": ""})
		if code != 0 || outputs["exit-code"] != "0" {
			t.Errorf("exit %d, outputs %v", code, outputs)
		}
		if _, err := os.Stat(filepath.Join(dir, "notelint.sarif")); err == nil {
			t.Error("SARIF written although sarif-file is empty")
		}
	})
	t.Run("only-changed without a base checks everything", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: Fine\ntrack: Ops\n---\n"})
		stdout, _, code := runAction(t, dir, map[string]string{"only-changed": "true", "args": "--no-cache"})
		if code != 0 || !strings.Contains(stdout, "only-changed: the base commit is not available") {
			t.Errorf("exit %d\n%s", code, stdout)
		}
	})
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
