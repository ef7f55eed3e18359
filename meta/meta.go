// Package meta recognises the metadata lines and fragments that news text
// carries around its body: publication dates, bylines, datelines, agency
// credits, headlines and URLs.
//
// Every function is pure and works on one line or fragment of text, so that
// the cleaning stage (and anything else) can ask "is this a byline?" without
// knowing where the line came from. Unknown means empty: nothing is guessed.
package meta

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DatePrefix recognises the " date YYYY-MM-DD" prefix that some collections
// glue in front of a document's first line. It returns the date and the
// number of runes of s the prefix takes, including the space after it, or
// ("", 0) when s does not start with such a prefix.
func DatePrefix(s string) (date string, n int) {
	t := strings.TrimLeft(s, " \t")
	lead := utf8.RuneCountInString(s[:len(s)-len(t)])
	if !strings.HasPrefix(t, "date ") && !strings.HasPrefix(t, "Date ") && !strings.HasPrefix(t, "date: ") && !strings.HasPrefix(t, "Date: ") {
		return "", 0
	}
	k := strings.IndexByte(t, ' ')
	rest := strings.TrimLeft(t[k:], " ")
	if len(rest) < 10 {
		return "", 0
	}
	d := NormalizeDate(rest[:10])
	if d == "" {
		return "", 0
	}
	used := len(t) - len(rest) + 10
	// Allow an RFC 3339 time after the date.
	if used < len(t) && t[used] == 'T' {
		j := used
		for j < len(t) && t[j] != ' ' {
			j++
		}
		used = j
	}
	for used < len(t) && t[used] == ' ' {
		used++
	}
	return d, lead + utf8.RuneCountInString(t[:used])
}

// NormalizeDate returns the YYYY-MM-DD date of a "YYYY-MM-DD" or RFC 3339
// value, or "" when s is not one.
func NormalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return ""
	}
	if len(s) > 10 && s[10] != 'T' && s[10] != ' ' {
		return ""
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || s[4] != '-' || s[7] != '-' {
		return ""
	}
	return formatDate(y, m, d)
}

func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

var monthDays = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// formatDate formats a plausible calendar date, or returns "".
func formatDate(y, m, d int) string {
	if y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1 || d > monthDays[m] {
		return ""
	}
	if m == 2 && d == 29 && !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		return ""
	}
	b := []byte("0000-00-00")
	b[0], b[1], b[2], b[3] = byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[5], b[6] = byte('0'+m/10), byte('0'+m%10)
	b[8], b[9] = byte('0'+d/10), byte('0'+d%10)
	return string(b)
}

var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// token is a word of a line with its byte range.
type token struct {
	s          string
	start, end int
}

// tokens appends to out the runs of letters and digits of s; everything
// else separates them. Callers pass an array on their stack as out, so
// that the tokens of a short line cost no allocation.
func tokens(out []token, s string) []token {
	start := -1
	for i, r := range s {
		if r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z' || r >= '0' && r <= '9') || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, token{s[start:i], start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{s[start:], start, len(s)})
	}
	return out
}

// dayNumber parses "25", "25th", "1st".
func dayNumber(s string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if len(s) > 2 && strings.HasSuffix(strings.ToLower(s), suf) {
			s = s[:len(s)-2]
			break
		}
	}
	if len(s) > 2 {
		return 0, false
	}
	return digits(s)
}

// fourDigits reports whether s holds four ASCII digits in a row.
func fourDigits(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i]-'0' < 10 {
			if n++; n == 4 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

// lowerASCII appends s lower-cased to dst, when s is ASCII; ok is false
// when it is not. Looked up as m[string(b)], the result costs no
// allocation, unlike strings.ToLower.
func lowerASCII(dst []byte, s string) (b []byte, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return dst, false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, true
}

// FindDate finds the first complete calendar date written in s: ISO
// "2019-04-25", "April 25, 2019", "25 April 2019", "December 15th, 2008".
// It returns the date as YYYY-MM-DD and the byte range it covers, or ""
// when s holds no date with a day, a month and a year.
func FindDate(s string) (date string, start, end int) {
	if !fourDigits(s) {
		// Every form has a year of four digits.
		return "", 0, 0
	}
	var arr [32]token
	ts := tokens(arr[:0], s)
	for i, t := range ts {
		// ISO date: three number tokens joined by '-'.
		if len(t.s) == 4 && i+2 < len(ts) && t.end < len(s) && s[t.end] == '-' && ts[i+1].start == t.end+1 &&
			ts[i+1].end < len(s) && s[ts[i+1].end] == '-' && ts[i+2].start == ts[i+1].end+1 {
			y, ok1 := digits(t.s)
			m, ok2 := digits(ts[i+1].s)
			d, ok3 := digits(ts[i+2].s)
			if ok1 && ok2 && ok3 && len(ts[i+1].s) == 2 && len(ts[i+2].s) == 2 {
				if f := formatDate(y, m, d); f != "" {
					return f, t.start, ts[i+2].end
				}
			}
		}
		if t.s[0] < 'A' || t.s[0] > 'Z' {
			continue
		}
		var m int
		var isMonth bool
		var buf [16]byte
		if low, ok := lowerASCII(buf[:0], t.s); ok {
			m, isMonth = months[string(low)]
		} else {
			m, isMonth = months[strings.ToLower(t.s)]
		}
		if !isMonth {
			continue
		}
		// Month Day, Year
		if i+2 < len(ts) {
			if d, ok := dayNumber(ts[i+1].s); ok {
				if y, ok := digits(ts[i+2].s); ok && len(ts[i+2].s) == 4 && gapOK(s, ts[i+1].end, ts[i+2].start) {
					if f := formatDate(y, m, d); f != "" {
						return f, t.start, ts[i+2].end
					}
				}
			}
		}
		// Day Month Year
		if i >= 1 && i+1 < len(ts) {
			if d, ok := dayNumber(ts[i-1].s); ok {
				if y, ok := digits(ts[i+1].s); ok && len(ts[i+1].s) == 4 && gapOK(s, t.end, ts[i+1].start) {
					if f := formatDate(y, m, d); f != "" {
						return f, ts[i-1].start, ts[i+1].end
					}
				}
			}
		}
	}
	return "", 0, 0
}

// gapOK reports whether the text between two date parts is a plain
// separator (spaces, a comma or a dot).
func gapOK(s string, a, b int) bool {
	g := strings.TrimSpace(s[a:b])
	return g == "" || g == "," || g == "."
}

// dateNoise are the words that may surround a date on a line that is only a
// date stamp.
var dateNoise = map[string]bool{
	"am": true, "pm": true, "gmt": true, "utc": true, "bst": true, "est": true, "edt": true, "pst": true, "pdt": true,
	"cet": true, "ist": true, "published": true, "updated": true, "posted": true, "last": true, "on": true, "at": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true, "date": true, "by": true,
}

// DateLine reports whether line is a date stamp ("December 15th, 2008, 7:
// 35 am", "Published: Thursday 25 April 2019 10:30 GMT") and returns its
// date.
func DateLine(line string) (string, bool) {
	d, a, b := FindDate(line)
	if d == "" {
		return "", false
	}
	var arr [32]token
	rest := tokens(arr[:0], line[:a]+" "+line[b:])
	for _, t := range rest {
		if _, ok := digits(t.s); ok && len(t.s) <= 2 {
			continue
		}
		if !dateNoise[strings.ToLower(t.s)] {
			return "", false
		}
	}
	return d, true
}

// Byline recognises a byline line ("By Maria Vasilyeva and Vladimir
// Soldatkin", "By JOHN SMITH, Reuters") and returns the names it gives and
// the agency it credits, if any.
func Byline(line string) (names, agency string, ok bool) {
	s := strings.TrimSpace(line)
	// "by " or "by:" in any case. Only 'B' and 'b' lower-case to "b", and
	// only 'Y' and 'y' to "y", so the first bytes decide, as they would
	// in strings.ToLower(s), without lower-casing the line.
	if len(s) < 3 || s[0]|0x20 != 'b' || s[1]|0x20 != 'y' || s[2] != ' ' && s[2] != ':' {
		return "", "", false
	}
	s = strings.TrimSpace(s[3:])
	if s == "" || strings.ContainsAny(s, "!?;\"“”") {
		return "", "", false
	}
	// Split off trailing ", Agency" or " | Agency".
	for _, sep := range []string{" | ", ", ", " - ", " — "} {
		if k := strings.LastIndex(s, sep); k > 0 {
			if a := Agency(s[k+len(sep):]); a != "" && wordCount(s[k+len(sep):]) <= 4 {
				agency = a
				s = strings.TrimSpace(s[:k])
				break
			}
		}
	}
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 12 {
		return "", "", false
	}
	for _, w := range words {
		if connector[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return "", "", false
		}
	}
	return titleCaps(s), agency, true
}

// connector words may appear lowercase inside names and place names.
var connector = map[string]bool{
	"and": true, "&": true, "de": true, "del": true, "der": true, "van": true, "von": true, "da": true,
	"di": true, "la": true, "le": true, "al": true, "el": true, "bin": true, "of": true, "upon": true,
	"on": true, "dos": true, "du": true, "y": true, "ibn": true,
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// titleCaps turns ALL-CAPS words into Capitalised ones ("VLADIVOSTOK" ->
// "Vladivostok") and leaves other words alone.
func titleCaps(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if isAllCaps(w) && utf8.RuneCountInString(w) > 1 && Agency(w) == "" {
			words[i] = capitalise(w)
		}
	}
	return strings.Join(words, " ")
}

func capitalise(w string) string {
	var b strings.Builder
	up := true
	for _, r := range w {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = r == '-' || r == ' ' || r == '\''
	}
	return b.String()
}

// isAllCaps reports whether w has letters and all of them are upper case.
func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// agencies maps spellings (upper-cased) to canonical agency names.
var agencies = map[string]string{
	"AFP": "AFP", "AGENCE FRANCE-PRESSE": "AFP", "AGENCE FRANCE PRESSE": "AFP",
	"REUTERS": "Reuters", "THOMSON REUTERS": "Reuters",
	"AP": "AP", "ASSOCIATED PRESS": "AP", "THE ASSOCIATED PRESS": "AP",
	"BLOOMBERG": "Bloomberg", "DPA": "dpa", "EFE": "EFE", "ANSA": "ANSA",
	"XINHUA": "Xinhua", "TASS": "TASS", "ITAR-TASS": "TASS", "KYODO": "Kyodo", "YONHAP": "Yonhap",
	"PTI": "PTI", "IANS": "IANS", "ANI": "ANI", "UPI": "UPI", "ANADOLU": "Anadolu", "ANADOLU AGENCY": "Anadolu",
	"BERNAMA": "Bernama", "AAP": "AAP", "PA": "PA", "PRESS ASSOCIATION": "PA", "INTERFAX": "Interfax",
	"RIA NOVOSTI": "RIA Novosti", "SPUTNIK": "Sputnik", "KCNA": "KCNA", "CANADIAN PRESS": "CP",
	"THE CANADIAN PRESS": "CP", "GETTY IMAGES": "Getty Images", "EPA": "EPA", "EPA-EFE": "EPA",
}

// agencyFirst holds the first word of every agency name, upper-cased.
var agencyFirst = func() map[string]bool {
	m := map[string]bool{}
	for k := range agencies {
		m[tokens(nil, k)[0].s] = true
	}
	return m
}()

// maxAgency is the length of the longest key of agencies.
const maxAgency = len("THE ASSOCIATED PRESS")

// Agency returns the canonical name of the news agency that s names
// exactly ("REUTERS", "Agence France-Presse", "AP"), or "".
func Agency(s string) string {
	s = strings.Trim(strings.TrimSpace(s), "()[]/.,:;|-— ")
	if len(s) > 2*maxAgency {
		// Too long to be a name, even with every letter shrinking when
		// upper-cased ("ı" -> "I").
		return ""
	}
	if a, ok := agencies[strings.ToUpper(s)]; ok {
		// Two-letter abbreviations count only when written in capitals.
		if len(s) <= 3 && !isAllCaps(s) && a != "Reuters" {
			return ""
		}
		return a
	}
	return ""
}

// CreditAgency finds the agency credited in a credit, caption or dateline
// text: "© AFP 2019", "Photo: X/Pool via REUTERS", "(AP Photo/Jane Doe)",
// "AFP | Vladivostok". It does not look for agencies mentioned in running
// prose ("news agency TASS reported"); call it only on credit-like text.
// It returns "" when none is credited.
func CreditAgency(s string) string {
	var arr [32]token
	ts := tokens(arr[:0], s)
	best := ""
	for i := range ts {
		if !agencyFirst[strings.ToUpper(ts[i].s)] {
			// No agency name starts with this word.
			continue
		}
		// Try three- and two-word names first, then single tokens.
		if i+2 < len(ts) {
			if a := Agency(s[ts[i].start:ts[i+2].end]); a != "" {
				return a
			}
		}
		if i+1 < len(ts) {
			if a := Agency(s[ts[i].start:ts[i+1].end]); a != "" && a != "Getty Images" && a != "EPA" {
				return a
			}
		}
		a := Agency(ts[i].s)
		if a == "" || a == "Getty Images" {
			continue
		}
		// "AP" is common as an abbreviation; count it only next to a photo
		// credit or in parentheses.
		if a == "AP" && !strings.Contains(s, "(AP") && !strings.Contains(s, "AP Photo") && !strings.Contains(s, "/AP") && !strings.HasPrefix(strings.TrimSpace(s), "AP") {
			continue
		}
		if a == "EPA" {
			if best == "" {
				best = a
			}
			continue
		}
		return a
	}
	return best
}

// Credit recognises a copyright or credit line ("© AFP 2019", "Copyright
// 2019 Reuters. All rights reserved.", "(c) The Associated Press") and
// returns the agency it credits, if any.
func Credit(line string) (agency string, ok bool) {
	s := strings.TrimSpace(line)
	head := s
	if len(head) > 10 {
		head = head[:10]
	}
	if !(strings.HasPrefix(s, "©") || lowerHasPrefix(head, "copyright") || lowerHasPrefix(head, "(c) ") ||
		strings.Contains(s, "ights reserved") || strings.Contains(s, "IGHTS RESERVED")) {
		return "", false
	}
	if wordCount(s) > 20 {
		return "", false
	}
	return CreditAgency(s), true
}

// lowerHasPrefix reports whether strings.ToLower(head) starts with the
// lower-case ASCII prefix, without allocating when head is ASCII.
func lowerHasPrefix(head, prefix string) bool {
	for i := 0; i < len(head); i++ {
		if head[i] >= utf8.RuneSelf {
			return strings.HasPrefix(strings.ToLower(head), prefix)
		}
	}
	if len(head) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := head[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// photoMarks start or end a photo credit.
var photoMarks = []string{"Photo:", "Photo by", "Photograph:", "Picture:", "Image:", "Photo credit", "AFP Photo", "AP Photo", "(Photo", "via REUTERS", "via Reuters", "/REUTERS", "/AFP", "/ AFP", "Getty Images", "/AP", "/EPA", "File photo", "FILE PHOTO"}

// photoKeys are pieces of text one of which every photo mark holds: a
// line without any of them, as most lines are, is passed over in a few
// scans instead of one per mark.
var photoKeys = []string{"hoto", "HOTO", "icture:", "mage", "/", "via R"}

// mayHavePhotoMark reports whether s holds one of the photoKeys.
func mayHavePhotoMark(s string) bool {
	for _, k := range photoKeys {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// HasPhotoCredit reports whether s carries a photo credit, the mark of a
// caption.
func HasPhotoCredit(s string) bool {
	if !mayHavePhotoMark(s) {
		return false
	}
	for _, m := range photoMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// Dateline is the place (and agency) line that opens a news story.
type Dateline struct {
	Place  string // "Vladivostok, Russia"
	Agency string // "AFP", when the dateline credits one
}

// DatelineLine recognises a dateline that stands on its own line:
// "AFP | Vladivostok, Russia", "Washington, United States",
// "VLADIVOSTOK, Russia", "LONDON (Reuters)". A lone capitalised phrase
// without a comma, capitals or an agency ("North Korean Flags") is not
// taken for a place.
func DatelineLine(line string) (Dateline, bool) {
	s := strings.TrimSpace(line)
	if s == "" || utf8.RuneCountInString(s) > 80 {
		return Dateline{}, false
	}
	var d Dateline
	// "AFP | Place" or "Place | AFP".
	for _, sep := range []string{" | ", " / ", " - ", " — ", " – "} {
		if k := strings.Index(s, sep); k > 0 {
			if a := Agency(s[:k]); a != "" {
				d.Agency, s = a, strings.TrimSpace(s[k+len(sep):])
				break
			}
			if a := Agency(s[k+len(sep):]); a != "" {
				d.Agency, s = a, strings.TrimSpace(s[:k])
				break
			}
		}
	}
	// "PLACE (Reuters)".
	if strings.HasSuffix(s, ")") {
		if k := strings.LastIndex(s, "("); k > 0 {
			if a := Agency(s[k:]); a != "" {
				d.Agency, s = a, strings.TrimSpace(s[:k])
			}
		}
	}
	if s == "" || !placeLike(s) {
		return Dateline{}, false
	}
	first := strings.Split(s, ",")[0]
	if d.Agency == "" && !strings.Contains(s, ",") && !(isAllCaps(first) && utf8.RuneCountInString(first) >= 3) {
		return Dateline{}, false
	}
	d.Place = titleCaps(s)
	return d, true
}

// placeLike reports whether s looks like "Place" or "Place, Region[, ...]":
// at most three comma-separated parts of one to four capitalised words.
func placeLike(s string) bool {
	parts := strings.Split(s, ",")
	if len(parts) > 3 {
		return false
	}
	for _, p := range parts {
		ws := strings.Fields(p)
		if len(ws) == 0 || len(ws) > 4 {
			return false
		}
		for _, w := range ws {
			if connector[w] {
				continue
			}
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) {
				return false
			}
			for _, c := range w {
				if !(unicode.IsLetter(c) || c == '-' || c == '\'' || c == '’' || c == '.') {
					return false
				}
			}
		}
	}
	return true
}

// LeadDateline recognises a dateline glued to the start of a lead
// paragraph: "VLADIVOSTOK: North Korea's ...", "WASHINGTON (Reuters) - ...",
// "Vladivostok, Russia (AFP) — ...", "LONDON, April 25 (Reuters) - ...". It
// returns the dateline and the number of runes of para it takes, separator
// and following spaces included.
func LeadDateline(para string) (Dateline, int, bool) {
	limit := len(para)
	if limit > 120 {
		limit = 120
	}
	head := para[:limit]
	// Find the separator that ends the dateline.
	end, sepLen := -1, 0
	for i, r := range head {
		if r == ':' || r == '—' || r == '–' || (r == '-' && i > 0 && head[i-1] == ' ') {
			end, sepLen = i, utf8.RuneLen(r)
			break
		}
		if r == '.' || r == '"' || r == '“' || r == '!' || r == '?' {
			return Dateline{}, 0, false
		}
	}
	if end <= 0 {
		return Dateline{}, 0, false
	}
	after := end + sepLen
	for after < len(head) && head[after] == '-' {
		after++
	}
	if after >= len(para) || para[after] != ' ' {
		return Dateline{}, 0, false
	}
	for after < len(para) && para[after] == ' ' {
		after++
	}
	pre := strings.TrimSpace(head[:end])
	var d Dateline
	if strings.HasSuffix(pre, ")") {
		if k := strings.LastIndex(pre, "("); k > 0 {
			if a := Agency(pre[k:]); a != "" {
				d.Agency, pre = a, strings.TrimSpace(pre[:k])
			}
		}
	}
	// Drop a trailing ", April 25" date.
	if k := strings.LastIndex(pre, ","); k > 0 {
		var arr [8]token
		ts := tokens(arr[:0], pre[k:])
		if len(ts) == 2 {
			if _, ok := months[strings.ToLower(ts[0].s)]; ok {
				if _, ok := dayNumber(ts[1].s); ok {
					pre = strings.TrimSpace(pre[:k])
				}
			}
		}
	}
	if pre == "" || !placeLike(pre) {
		return Dateline{}, 0, false
	}
	first := strings.Split(pre, ",")[0]
	if d.Agency == "" && !(isAllCaps(first) && utf8.RuneCountInString(first) >= 3) {
		return Dateline{}, 0, false
	}
	d.Place = titleCaps(pre)
	return d, utf8.RuneCountInString(para[:after]), true
}

// Host returns the host name of a URL without a leading "www.", or "".
func Host(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// URLLine reports whether line is nothing but a URL.
func URLLine(line string) bool {
	s := strings.TrimSpace(line)
	if strings.ContainsAny(s, " \t") {
		return false
	}
	return (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")) && Host(s) != ""
}

// stopEnd are words a headline does not end with; a short line that ends
// with one was cut mid-sentence.
var stopEnd = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "from": true, "to": true, "and": true, "or": true, "but": true,
	"in": true, "on": true, "at": true, "by": true, "for": true, "with": true, "that": true, "which": true,
	"who": true, "was": true, "were": true, "is": true, "are": true, "be": true, "been": true, "has": true,
	"have": true, "had": true, "his": true, "her": true, "its": true, "their": true, "our": true, "as": true,
	"than": true, "into": true, "said": true, "will": true, "would": true, "could": true, "not": true, "this": true,
	"these": true, "those": true, "after": true, "before": true, "while": true, "when": true, "where": true,
	"if": true, "about": true, "over": true, "under": true, "between": true, "some": true, "s": true,
	"many": true, "most": true, "several": true, "both": true, "each": true, "every": true, "such": true,
	"any": true, "few": true, "my": true, "your": true, "we": true, "they": true, "he": true, "she": true,
	"it": true, "i": true, "very": true, "so": true, "because": true, "since": true, "until": true,
	"can": true, "may": true, "might": true, "must": true, "should": true, "do": true, "does": true, "did": true,
	"didn't": true, "don't": true, "doesn't": true, "can't": true, "won't": true, "wouldn't": true, "isn't": true,
	"wasn't": true, "aren't": true, "weren't": true, "hasn't": true, "haven't": true, "couldn't": true, "being": true,
}

// CutWord reports whether a line ending with word w was most likely cut in
// the middle of a sentence: w is a function word or a possessive.
func CutWord(w string) bool {
	w = strings.ReplaceAll(strings.ToLower(strings.Trim(w, "\"“”‘")), "’", "'")
	if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’") {
		return true
	}
	return stopEnd[w]
}

// Terminated reports whether text ends like a finished sentence: with
// terminal punctuation, possibly followed by closing quotes or brackets.
func Terminated(s string) bool {
	s = trimBlanks(s)
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		switch r {
		case '.', '!', '?', '…', ':', ';':
			return true
		case '"', '”', '’', '\'', ')', ']', '»':
			s = trimBlanks(s[:len(s)-n]) // OCR spaces a closing quote: `all. "`
			continue
		}
		return false
	}
	return false
}

// trimBlanks is strings.TrimRight(s, " \t") without building the cutset
// on every call.
func trimBlanks(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// TitleLike reports whether line reads like a headline or sub-heading:
// one to twenty words, no sentence-final full stop, starting with a capital
// letter, digit or quote, not cut in the middle of a sentence.
func TitleLike(line string) bool {
	s := strings.TrimSpace(line)
	if s == "" || len(s) > 640 {
		return false
	}
	// The cheapest tests first: most lines of a text fail them.
	r, _ := utf8.DecodeRuneInString(s)
	if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'", r)) {
		return false
	}
	if len(s) > 160 && utf8.RuneCountInString(s) > 160 {
		return false
	}
	words := 1 + strings.Count(s, " ")
	if words > 20 {
		return false
	}
	end := strings.TrimRight(s, "\"”’')] ")
	last, _ := utf8.DecodeLastRuneInString(end)
	if strings.ContainsRune(".,;:-–—", last) && !strings.HasSuffix(end, "...") {
		return false
	}
	lw := s[strings.LastIndexByte(s, ' ')+1:]
	if CutWord(lw) || URLLine(s) {
		return false
	}
	return true
}
