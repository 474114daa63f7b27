Console.WriteLine("wbhost 0.1.0");
return 0;
