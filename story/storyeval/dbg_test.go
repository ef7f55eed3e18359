package storyeval

import (
	"fmt"
	"testing"

	"github.com/newsfold/newsfold/story"
)

func TestDebugSims(t *testing.T) {
	docs, _ := load(defaultData())
	byEvent := map[string][]Doc{}
	for _, d := range docs {
		byEvent[d.Event] = append(byEvent[d.Event], d)
	}
	for e, ds := range byEvent {
		story.DebugSims = nil
		tell(ds)
		for _, s := range story.DebugSims {
			fmt.Println(e, s)
		}
	}
}
