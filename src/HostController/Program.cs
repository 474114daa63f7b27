Console.WriteLine("wbhostd 0.1.0");
return 0;
