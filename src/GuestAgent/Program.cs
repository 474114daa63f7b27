// Placeholder entry point; replaced by the agent host once the link layer lands.
Console.WriteLine("wbguest 0.1.0");
return 0;
