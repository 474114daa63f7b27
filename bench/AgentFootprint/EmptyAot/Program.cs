// Baseline process for bench/AgentFootprint: prints "ready" and waits to be killed.
Console.WriteLine("ready");
Thread.Sleep(Timeout.Infinite);
