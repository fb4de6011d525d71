Console.Error.WriteLine("regional: no commands yet (see issue 5).");
return 64;
