// What nearly every test uses, named once: the test infrastructure, HTTP and JSON, the service
// container, the store, and the stream reader (Kalkan.Tests.Delivery).
global using Kalkan.Tests.Infrastructure;
global using System.Net;
global using System.Net.Http.Json;
global using System.Text.Json;
global using System.Text;
global using Microsoft.Extensions.DependencyInjection;
global using Kalkan.Tests.Delivery;
global using Kalkan.Storage;
global using Microsoft.EntityFrameworkCore;
global using System.Diagnostics;
global using System.Security.Cryptography;
