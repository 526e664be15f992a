// The framework namespaces nearly every file uses, and the three foundations every feature stands on
// (the store, the seal, the web plumbing), named once. A feature still names each other feature it uses
// in its own usings, so a file's dependencies on features stay visible at its top.
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
global using Microsoft.Extensions.Options;
global using System.Security.Cryptography;
global using System.Text;
global using System.Globalization;
global using System.Security.Claims;
global using System.Text.Json;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.AspNetCore.Authorization;
global using Kalkan.Storage;
global using Kalkan.Web;
global using Kalkan.Seal;
