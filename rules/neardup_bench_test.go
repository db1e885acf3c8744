package rules

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// Benchmark titles. Both generators are deterministic (fixed seeds) and
// plant near duplicates at known rates, so the benchmarks also exercise the
// reporting paths.

var (
	benchNouns = strings.Fields(`order orders shipment shipments carrier carriers refund refunds return
returns inventory warehouse warehouses label labels invoice invoices payment payments checkout cart
customer customers supplier suppliers pallet pallets parcel parcels freight rate rates zone zones
fulfillment picking packing slotting forecast forecasts demand backorder backorders stock stockout
stockouts chargeback chargebacks dispute disputes tracking delivery deliveries route routes dock
docks cutoff cutoffs sku skus bundle bundles kit kits catalog listing listings marketplace
marketplaces channel channels storefront subscription subscriptions margin margins cost costs fee
fees tax taxes duty duties customs broker brokers lane lanes manifest manifests barcode barcodes
scanner scanners printer printers tote totes bin bins shelf shelves aisle aisles cycle count counts
audit audits variance variances reconciliation ledger ledgers batch batches wave waves queue queues
exception exceptions alert alerts dashboard dashboards report reports metric metrics kpi kpis sla
slas team teams shift shifts labor staffing budget budgets vendor vendors contract contracts
policy policies workflow workflows integration integrations api webhook webhooks sync feed feeds
pricing promotion promotions discount discounts coupon coupons loyalty review reviews rating
ratings support ticket tickets escalation escalations handoff handoffs cascade drift gap gaps delay
delays outage outages spike spikes surge surges peak season holiday holidays`)
	benchAdjs = strings.Fields(`split late lost damaged partial duplicate missing delayed manual
automated cross-border domestic international regional local seasonal weekly monthly daily hidden
recurring silent negative rush same-day next-day two-day bulk small large fragile oversized
hazardous perishable returnable refundable omnichannel multi-warehouse third-party in-house
outsourced real-time batch offline mobile b2b b2c wholesale retail dropship preorder backordered`)
	benchVerbs = strings.Fields(`fix reduce prevent track reconcile audit automate route forecast
price ship pack pick sort label scan sync migrate integrate monitor measure cut speed improve
handle escalate recover resolve plan staff schedule budget negotiate consolidate split merge`)
	benchFrames = []string{
		"How to %v %a %n", "Why %a %n %v", "%a %n: A Complete Guide", "%n %n Explained",
		"The %a %n Checklist", "%v %n %n Faster", "%n %n for %a Teams", "When %n %n Goes Wrong",
		"%a %n vs %a %n", "What Is %a %n?", "%n %n Best Practices", "%v %a %n Without %n",
		"A Practical Guide to %a %n", "%n Troubleshooting: Why %a %n %v", "Inside the %n %n",
		"%n %n in %y", "Common %n Mistakes in %a %n", "%v Your %n %n", "%a %n and %a %n",
		"From %n to %n: %a %n", "%n %n, Step by Step", "Lessons From a %a %n %n",
	}
	benchTemplates = []string{
		"%s: A Complete Guide", "%s: A Step-by-Step Guide", "%s: The Cross-System Cascade Explained",
		"Why %s Matters", "How to Fix %s", "%s Explained", "%s Basics", "%s Checklist for Ops Teams",
		"%s for Finance Teams", "The Hidden Cost of %s", "%s in 2025", "%s in 2026", "Reducing %s",
		"%s: Root Causes and Fixes", "What Nobody Tells You About %s", "%s Playbook", "%s FAQ",
		"Ten Questions About %s", "%s, Revisited", "Auditing %s", "%s Metrics That Matter",
		"Measuring %s", "%s vs Manual Workarounds", "When %s Breaks", "A Field Guide to %s",
		"%s for Small Teams", "%s for Enterprise Teams", "%s: Lessons From Peak Season",
		"Automating %s", "%s Without Spreadsheets",
	}
	benchAudiences = strings.Fields(`Finance Support Warehouse Marketing Engineering Leadership
Operations Procurement Merchandising Logistics`)
	benchYears = []string{"2022", "2023", "2024", "2025", "2026"}
)

// benchWord draws a word with a long tail: mostly the vocabulary above,
// sometimes a made-up rare word (brand, place, product name).
func benchWord(r *rand.Rand, z *rand.Zipf, list []string) string {
	if r.Intn(12) == 0 {
		syl := []string{"ka", "lo", "mi", "ven", "tor", "ra", "sel", "no", "qu", "ix", "bel", "dra", "fen", "mor", "tas", "ul"}
		n := 2 + r.Intn(2)
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(syl[r.Intn(len(syl))])
		}
		return benchCap(b.String())
	}
	return benchCap(list[int(z.Uint64())%len(list)])
}

func benchCap(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// benchFreeform makes n free-form titles: frames filled with words drawn
// from a skewed vocabulary, about 3% planted rewordings of earlier titles.
func benchFreeform(n int, seed int64) []string {
	r := rand.New(rand.NewSource(seed))
	zn := rand.NewZipf(r, 1.1, 4, uint64(len(benchNouns)-1))
	za := rand.NewZipf(r, 1.1, 4, uint64(len(benchAdjs)-1))
	zv := rand.NewZipf(r, 1.1, 4, uint64(len(benchVerbs)-1))
	out := make([]string, 0, n)
	var b strings.Builder
	for len(out) < n {
		if len(out) > 100 && r.Intn(33) == 0 {
			out = append(out, benchReword(r, out[r.Intn(len(out))]))
			continue
		}
		f := benchFrames[r.Intn(len(benchFrames))]
		b.Reset()
		for i := 0; i < len(f); i++ {
			if f[i] != '%' || i+1 == len(f) {
				b.WriteByte(f[i])
				continue
			}
			i++
			switch f[i] {
			case 'n':
				b.WriteString(benchWord(r, zn, benchNouns))
				if r.Intn(3) == 0 {
					b.WriteByte(' ')
					b.WriteString(benchWord(r, zn, benchNouns))
				}
			case 'a':
				b.WriteString(benchWord(r, za, benchAdjs))
			case 'v':
				b.WriteString(benchWord(r, zv, benchVerbs))
			case 'y':
				b.WriteString(benchYears[r.Intn(len(benchYears))])
			}
		}
		out = append(out, b.String())
	}
	return out
}

// benchReword plants a near duplicate of t.
func benchReword(r *rand.Rand, t string) string {
	w := strings.Fields(t)
	switch r.Intn(5) {
	case 0: // typo: swap two letters of a long word
		for tries := 0; tries < 5; tries++ {
			i := r.Intn(len(w))
			if len(w[i]) >= 6 {
				b := []byte(w[i])
				k := 1 + r.Intn(len(b)-3)
				b[k], b[k+1] = b[k+1], b[k]
				w[i] = string(b)
				break
			}
		}
	case 1: // a filler added
		w = append(w, []string{"Quickly", "Today", "(Updated)", "Simply"}[r.Intn(4)])
	case 2: // reordered
		if len(w) > 2 {
			i := r.Intn(len(w) - 1)
			w[i], w[i+1] = w[i+1], w[i]
		}
	case 3: // a category prefix
		return "Operations Notes: " + t
	default: // synonym swap
		for i, x := range w {
			switch x {
			case "Guide":
				w[i] = "Tutorial"
			case "Fix":
				w[i] = "Resolve"
			case "Explained":
				w[i] = "Basics"
			case "Mistakes":
				w[i] = "Pitfalls"
			}
		}
	}
	return strings.Join(w, " ")
}

// benchTemplated makes n titles from a few hundred templates (the base
// templates times audiences) filled with subjects: the shape of a
// generated archive, where every subject appears in every template.
func benchTemplated(n int, seed int64) []string {
	r := rand.New(rand.NewSource(seed))
	var templates []string
	for _, t := range benchTemplates {
		templates = append(templates, t)
		for _, a := range benchAudiences {
			if strings.Contains(t, "Teams") || r.Intn(2) == 0 {
				continue
			}
			templates = append(templates, t+" for "+a)
		}
	}
	subjects := make([]string, 0, n/len(templates)+1)
	seen := map[string]bool{}
	for len(subjects)*len(templates) < n {
		s := benchCap(benchAdjs[r.Intn(len(benchAdjs))]) + " " + benchCap(benchNouns[r.Intn(len(benchNouns))])
		if r.Intn(3) == 0 {
			s += " " + benchCap(benchNouns[r.Intn(len(benchNouns))])
		}
		if !seen[s] {
			seen[s] = true
			subjects = append(subjects, s)
		}
	}
	out := make([]string, 0, n)
	for _, s := range subjects {
		for _, t := range templates {
			if len(out) == n {
				return out
			}
			out = append(out, fmt.Sprintf(t, s))
		}
	}
	return out
}

func TestNearDupBenchCorpus(t *testing.T) {
	for _, kind := range []string{"freeform", "templated"} {
		var titles []string
		if kind == "freeform" {
			titles = benchFreeform(20000, 1)
		} else {
			titles = benchTemplated(20000, 1)
		}
		res := nearDuplicates(titles, DefaultNearDuplicateTitleOptions())
		flagged := res.Flagged()
		t.Logf("%s: %d titles, %d groups, %d flagged; e.g. %q", kind, len(titles), res.Groups(), flagged, titles[:3])
		if flagged == 0 {
			t.Errorf("%s: planted near duplicates not found", kind)
		}
	}
}

func BenchmarkNearDuplicates(b *testing.B) {
	for _, kind := range []string{"freeform", "templated"} {
		for _, size := range []struct {
			name string
			n    int
		}{{"10k", 10_000}, {"100k", 100_000}, {"1M", 1_000_000}} {
			b.Run(kind+"-"+size.name, func(b *testing.B) {
				var titles []string
				if kind == "freeform" {
					titles = benchFreeform(size.n, 1)
				} else {
					titles = benchTemplated(size.n, 1)
				}
				opts := DefaultNearDuplicateTitleOptions()
				b.ReportAllocs()
				b.ResetTimer()
				var groups int
				for i := 0; i < b.N; i++ {
					res := nearDuplicates(titles, opts)
					groups = res.Groups()
				}
				b.ReportMetric(float64(groups), "groups")
			})
		}
	}
}
