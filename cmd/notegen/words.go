package main

import "strings"

// The vocabulary of a synthetic operations/e-commerce knowledge base.

var tracks = []string{
	"Omnichannel Systems", "GHL Services", "AI Automation Services",
	"Warehouse Operations", "Retail Finance",
}

// misspelledTracks are near misses of tracks, for missing-track.
var misspelledTracks = []string{
	"Omnichanel Systems", "GHL Service", "AI Automaton Services",
	"Warehouse Operation", "Retail Fianance",
}

var (
	nouns = strings.Fields(`order shipment carrier refund return inventory warehouse label invoice
payment checkout cart customer supplier pallet parcel freight rate zone fulfillment picking packing
slotting forecast demand backorder stock stockout chargeback dispute tracking delivery route dock
cutoff SKU bundle kit catalog listing marketplace channel storefront subscription margin cost fee
tax duty customs broker lane manifest barcode scanner printer tote bin shelf aisle cycle count
audit variance reconciliation ledger batch wave queue exception alert dashboard report metric KPI
SLA team shift labor budget vendor contract policy workflow integration webhook sync feed pricing
promotion discount coupon loyalty review ticket escalation handoff cascade drift gap delay outage
spike surge peak holiday pipeline calendar campaign funnel lead CRM automation agent prompt`)
	plurals = map[string]string{"inventory": "inventory", "freight": "freight", "fulfillment": "fulfillment",
		"picking": "picking", "packing": "packing", "slotting": "slotting", "demand": "demand",
		"stock": "stock", "tracking": "tracking", "customs": "customs", "labor": "labor", "tax": "taxes",
		"duty": "duties", "delivery": "deliveries", "policy": "policies", "sync": "syncs",
		"pricing": "pricing", "loyalty": "loyalty", "drift": "drift", "reconciliation": "reconciliations",
		"automation": "automations", "batch": "batches", "box": "boxes"}
	adjectives = strings.Fields(`split late lost damaged partial duplicate missing delayed manual automated
cross-border domestic international regional seasonal weekly monthly daily hidden recurring silent
negative rush same-day next-day bulk fragile oversized perishable omnichannel multi-warehouse
third-party in-house real-time offline mobile wholesale retail dropship preorder`)
	verbs = strings.Fields(`Fix Reduce Prevent Track Reconcile Audit Automate Route Forecast Price
Ship Pack Pick Label Scan Sync Migrate Integrate Monitor Measure Cut Speed Up Handle Escalate
Recover Plan Schedule Budget Negotiate Consolidate`)
	properNouns = strings.Fields(`Shopify NetSuite WooCommerce Magento Amazon Walmart eBay UPS FedEx
DHL USPS Stripe Klaviyo HubSpot Zendesk ShipStation Linnworks Cin7 Brightpearl`)
	years = []string{"2022", "2023", "2024", "2025", "2026"}

	// Free-form title frames: %a adjective, %n noun phrase, %N plural noun
	// phrase, %v verb, %p proper noun, %y year.
	frames = []string{
		"How to %v %a %N", "Why %a %N %s", "%a %N: A Complete Guide", "%N Explained",
		"The %a %n Checklist", "%v %N Faster", "%n %N for %a Teams", "When %n %N Go Wrong",
		"%p vs %p for %a %N", "What Is a %a %n?", "%n %N Best Practices", "%v %a %N Without %N",
		"A Practical Guide to %a %N", "%n Troubleshooting: Why %a %N %s", "Inside the %n %n",
		"%n %N in %y", "Common %n Mistakes in %a %N", "%v Your %n %N", "%a %N and %a %N",
		"From %n to %n: %a %N", "%n %N, Step by Step", "Lessons From a %a %n Rollout",
		"Setting Up %p %N", "%p %n Sync: What Breaks", "Connecting %p to %p", "%v %N in %p",
	}
	driftVerbs = strings.Fields(`Drift Stall Multiply Slip Pile Up Break Leak Spike Stack Up`)

	// Templates of a templated archive: every subject in every template.
	templates = []string{
		"%s: A Complete Guide", "%s: The Cross-System Cascade Explained", "Why %s Matters",
		"How to Fix %s", "%s Explained", "%s Checklist for Ops Teams", "%s for Finance Teams",
		"The Hidden Cost of %s", "%s in 2025", "Reducing %s", "%s: Root Causes and Fixes",
		"What Nobody Tells You About %s", "%s Playbook", "Ten Questions About %s",
		"Auditing %s", "%s Metrics That Matter", "Measuring %s", "%s vs Manual Workarounds",
		"When %s Breaks", "A Field Guide to %s", "%s for Small Teams", "%s for Enterprise Teams",
		"%s: Lessons From Peak Season", "Automating %s", "%s Without Spreadsheets",
	}
	audiences = strings.Fields(`Finance Support Warehouse Marketing Engineering Leadership Procurement`)

	categories = []string{"Retail Finance Troubleshooting", "Warehouse Operations Notes",
		"Field Notes", "Ops Deep Dive", "Systems Postmortem"}

	// Rewordings a reader would call the same title.
	swaps = [][2]string{
		{"A Complete Guide", "A Step-by-Step Guide"}, {"How to Fix", "How to Resolve"},
		{"Explained", "Basics"}, {"Mistakes", "Pitfalls"}, {"Ops Teams", "Operations Teams"},
		{"Guide", "Tutorial"}, {"Reduce", "Cut"}, {"Tips", "Tricks"}, {"Practical", "Simple"},
		{"Prevent", "Avoid"}, {"Checklist for Ops", "Checklist for Operations"}, {"Troubleshooting", "Troubleshoot"},
	}

	// Body text.
	openers = []string{
		"Most teams notice %s only when a customer complains.",
		"%s rarely fails in one place; it fails where two systems meet.",
		"This note walks through how %s works in practice and where it breaks.",
		"Before changing anything, map how %s flows through the stack.",
		"If %s keeps coming back, the cause is usually upstream.",
	}
	sentences = []string{
		"The order management system and the warehouse disagree about what shipped.",
		"Each handoff adds a delay that nobody owns.",
		"Carriers publish cutoffs, but the pick queue ignores them.",
		"Finance sees the refund a day after support promised it.",
		"A nightly export hides the problem until the month closes.",
		"Start with the exception report, not the dashboard.",
		"Write down who fixes each exception and how fast.",
		"The fix is a rule in the router, not another spreadsheet.",
		"Test the change on one channel before rolling it out.",
		"Keep the old workflow running until the numbers match.",
		"Most of the cost is labour spent reconciling by hand.",
		"Automation helps once the data is clean, not before.",
		"Ask the carrier for the raw scan events, not the summary.",
		"A single missing field stops the whole batch.",
		"Support needs a macro that explains the delay honestly.",
	}
	linkTexts = []string{"the carrier guide", "our returns policy", "the integration docs",
		"the warehouse runbook", "the finance calendar", "the API reference"}
	statSubjects = []string{"split shipments", "late refunds", "mis-picks", "chargebacks",
		"address errors", "abandoned carts", "support tickets", "stockouts", "duplicate orders"}
	statCauses = []string{"start in the order router", "trace back to one integration",
		"happen during peak season", "come from manual edits", "are never reported",
		"are fixed within a day"}
	sourceNames = []string{"a 2024 carrier survey", "the NRF returns report",
		"an internal audit of 40,000 orders", "the Baymard checkout study"}
)

func plural(n string) string {
	if p, ok := plurals[strings.ToLower(n)]; ok {
		return p
	}
	if n == strings.ToUpper(n) { // SKU, KPI, SLA, CRM
		return n + "s"
	}
	if strings.HasSuffix(n, "y") && !strings.HasSuffix(n, "ay") {
		return n[:len(n)-1] + "ies"
	}
	return n + "s"
}

func capitalize(w string) string {
	if w == "" {
		return w
	}
	if w == strings.ToUpper(w) {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}
