package grade

import (
	"encoding/xml"
	"io"
	"strconv"

	"github.com/sockplay/sockplay/core/exercise"
)

// JUnit XML as Jenkins, GitLab and GitHub Classroom read it (Ant's
// format; the test validates it against Jenkins' junit-10.xsd and Ant's
// JUnit.xsd with xmllint): a suite per submission, a test case per goal
// and question, a failure for each missed, an error when the submission
// was refused as a whole.
// The root carries no totals: Ant's schema allows none there, and the
// readers sum the suites'.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Hostname   string          `xml:"hostname,attr"`
	ID         int             `xml:"id,attr"`
	Package    string          `xml:"package,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
	SystemOut  string          `xml:"system-out"`
	SystemErr  string          `xml:"system-err"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, ex *exercise.Exercise, results []Result) error {
	var all junitSuites
	for i := range results {
		r := &results[i]
		sc := &r.Score
		s := junitSuite{Name: ex.ID + " version " + strconv.Itoa(ex.Version) + ": " + learnerName(r), Time: "0", Timestamp: r.timestamp(), Hostname: "sockplay", ID: i, Package: ex.ID,
			SystemOut: r.File + ": " + summary(sc)}
		for _, p := range [][2]string{{"file", r.File}, {"learner", sc.Learner}, {"seed", strconv.FormatUint(sc.Seed, 10)},
			{"score", strconv.Itoa(sc.Points)}, {"max_score", strconv.Itoa(sc.Max)}, {"lines", strconv.Itoa(sc.Lines)}, {"par", strconv.Itoa(sc.Par)}} {
			s.Properties = append(s.Properties, junitProperty{p[0], p[1]})
		}
		class := ex.ID + "." + learnerName(r)
		if sc.Refused != "" {
			s.Cases = append(s.Cases, junitCase{Name: "submission", Classname: class, Time: "0", Error: &junitProblem{Message: sc.Refused, Type: "refused", Text: sc.Refused}})
			s.Errors++
		} else {
			for _, c := range checks(sc) {
				jc := junitCase{Name: c.name + " (" + points(c.max) + ")", Classname: class, Time: "0"}
				if !c.passed {
					jc.Failure = &junitProblem{Message: c.why, Type: "missed", Text: c.why}
					s.Failures++
				}
				s.Cases = append(s.Cases, jc)
			}
		}
		s.Tests = len(s.Cases)
		all.Suites = append(all.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	e := xml.NewEncoder(w)
	e.Indent("", "  ")
	if err := e.Encode(all); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// timestamp is when the submission file was last written, in UTC as the
// Ant schema's ISO 8601 without a zone; the epoch when it is unknown.
func (r *Result) timestamp() string {
	if r.Modified.IsZero() {
		return "1970-01-01T00:00:00"
	}
	return r.Modified.UTC().Format("2006-01-02T15:04:05")
}

func points(n int) string {
	if n == 1 {
		return "1 point"
	}
	return strconv.Itoa(n) + " points"
}
