package storyeval

import (
	"encoding/json"
	"flag"
	"os"
	"testing"
)

var equivOut = flag.String("equivout", "", "")

func TestZZEquivECB(t *testing.T) {
	if *equivOut == "" {
		t.Skip()
	}
	docs, err := load(defaultData())
	if err != nil {
		t.Fatal(err)
	}
	s := tell(docs)
	o, _ := os.Create(*equivOut)
	json.NewEncoder(o).Encode(s)
	o.Close()
}
