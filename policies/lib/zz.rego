package tomcheck.lib.zz

x := time.now_ns()

y := rand.intn("a", 10)
