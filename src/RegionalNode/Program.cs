var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Regional node: not yet implemented (see issue 3).");
app.Run();
