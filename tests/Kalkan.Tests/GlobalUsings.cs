global using Kalkan.Tests.Infrastructure;
