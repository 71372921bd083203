package main

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// svgPlot draws a graph with a time axis in seconds and a numeric y axis
// as SVG, for sockplay graph.
type svgPlot struct {
	title, yLabel  string
	x0, x1, y0, y1 float64
	body           strings.Builder
}

const (
	plotW, plotH              = 960, 540
	marginL, marginR, marginT = 90, 20, 40
	marginB                   = 50
)

func (p *svgPlot) px(x float64) float64 {
	return marginL + (x-p.x0)/(p.x1-p.x0)*(plotW-marginL-marginR)
}

func (p *svgPlot) py(y float64) float64 {
	return plotH - marginB - (y-p.y0)/(p.y1-p.y0)*(plotH-marginT-marginB)
}

// fit widens a degenerate range so nothing divides by zero.
func (p *svgPlot) fit() {
	if p.x1 <= p.x0 {
		p.x1 = p.x0 + 1
	}
	if p.y1 <= p.y0 {
		p.y1 = p.y0 + 1
	}
}

func (p *svgPlot) dot(x, y float64, color, title string) {
	fmt.Fprintf(&p.body, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"><title>%s</title></circle>`+"\n", p.px(x), p.py(y), color, escape(title))
}

func (p *svgPlot) line(x0, y0, x1, y1 float64, color string, width float64, title string) {
	fmt.Fprintf(&p.body, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="%.1f">`, p.px(x0), p.py(y0), p.px(x1), p.py(y1), color, width)
	if title != "" {
		fmt.Fprintf(&p.body, "<title>%s</title>", escape(title))
	}
	p.body.WriteString("</line>\n")
}

// steps draws a step line through the points: each value holds until the next.
func (p *svgPlot) steps(xs, ys []float64, color, name string) {
	if len(xs) == 0 {
		return
	}
	var b strings.Builder
	for i := range xs {
		if i > 0 {
			fmt.Fprintf(&b, "%.1f,%.1f ", p.px(xs[i]), p.py(ys[i-1]))
		}
		fmt.Fprintf(&b, "%.1f,%.1f ", p.px(xs[i]), p.py(ys[i]))
	}
	fmt.Fprintf(&p.body, `<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"><title>%s</title></polyline>`+"\n", color, strings.TrimSpace(b.String()), escape(name))
}

func (p *svgPlot) band(x0, x1 float64, color, title string) {
	fmt.Fprintf(&p.body, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" opacity="0.18"><title>%s</title></rect>`+"\n",
		p.px(x0), marginT, math.Max(p.px(x1)-p.px(x0), 0.5), plotH-marginT-marginB, color, escape(title))
}

// write emits the document: axes with ticks, the body, and a legend.
func (p *svgPlot) write(w io.Writer, legend [][2]string) {
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", plotW, plotH, plotW, plotH)
	fmt.Fprintf(w, `<rect width="%d" height="%d" fill="white"/>`+"\n", plotW, plotH)
	fmt.Fprintf(w, `<text x="%d" y="20" font-size="15">%s</text>`+"\n", marginL, escape(p.title))
	for _, t := range ticks(p.x0, p.x1) {
		x := p.px(t)
		fmt.Fprintf(w, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/><text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n",
			x, marginT, x, plotH-marginB, x, plotH-marginB+16, trimFloat(t))
	}
	for _, t := range ticks(p.y0, p.y1) {
		y := p.py(t)
		fmt.Fprintf(w, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/><text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n",
			marginL, y, plotW-marginR, y, marginL-6, y+4, trimFloat(t))
	}
	fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="middle">time (s)</text>`+"\n", (plotW+marginL)/2, plotH-12)
	fmt.Fprintf(w, `<text transform="translate(16 %d) rotate(-90)" text-anchor="middle">%s</text>`+"\n", (plotH)/2, escape(p.yLabel))
	fmt.Fprintf(w, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#333"/>`+"\n", marginL, marginT, plotW-marginL-marginR, plotH-marginT-marginB)
	io.WriteString(w, p.body.String())
	for i, l := range legend {
		x := marginL + 10 + i*150
		fmt.Fprintf(w, `<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>`+"\n", x, marginT+8, l[1], x+14, marginT+17, escape(l[0]))
	}
	io.WriteString(w, "</svg>\n")
}

// ticks are about six round values (1, 2 or 5 times a power of ten
// apart) covering [lo, hi].
func ticks(lo, hi float64) []float64 {
	base := math.Pow(10, math.Floor(math.Log10((hi-lo)/6)))
	step := base * 10
	for _, m := range []float64{1, 2, 5} {
		if (hi-lo)/(base*m) <= 8 {
			step = base * m
			break
		}
	}
	var out []float64
	for i := math.Ceil(lo / step); i*step <= hi+step/1e6; i++ {
		out = append(out, i*step)
	}
	return out
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.6f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
