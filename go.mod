module github.com/newsfold/newsfold

go 1.26.8
