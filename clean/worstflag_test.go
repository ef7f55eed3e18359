package clean

import "flag"

var advName = flag.String("adv", "", "")
var advSize = flag.Int("advsize", 200000, "")
