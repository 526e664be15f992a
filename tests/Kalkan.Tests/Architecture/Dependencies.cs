using System.Reflection;
using System.Reflection.Emit;
using Microsoft.AspNetCore.Razor.Hosting;

namespace Kalkan.Tests.Architecture;

/// <summary>
/// Which Kalkan types a type uses: in its signatures (fields, properties, parameters, bases) and
/// in its method bodies (every type, method and field token its IL names), so a static call
/// counts as much as a constructor parameter. Compiler-made types (lambdas, async state machines)
/// count as their folder's, and so do the views compiled from a folder's .cshtml files.
/// </summary>
static class Dependencies
{
    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every (from folder, to folder, to type) edge between Kalkan.X namespaces of an assembly.</summary>
    public static HashSet<(string From, string To, string Type)> Between(Assembly assembly)
    {
        var edges = new HashSet<(string, string, string)>();
        foreach (var type in assembly.GetTypes())
        {
            var from = FolderOf(type);
            if (from is null) continue;
            foreach (var used in Used(type))
                if (FolderOf(used) is { } to && to != from) edges.Add((from, to, OuterOf(used).Name));
        }
        return edges;
    }

    const string CompiledModels = "Kalkan.Storage.Compiled";

    /// <summary>
    /// "Circles" for Kalkan.Circles, Kalkan.Circles.Pages and the view compiled from
    /// /Circles/Pages/Calls.cshtml, "Identity" for Kalkan.Identity.Members and
    /// Kalkan.Identity.Sessions; null outside the server's own namespaces and folders (the root's
    /// _ViewStart and _ViewImports, which only name the layout and the usings) and for the generated
    /// compiled models.
    /// </summary>
    public static string? FolderOf(Type type)
    {
        if (ViewPath(type) is { } view)
        {
            var segments = view.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return segments.Length > 1 ? segments[0] : null;
        }
        var ns = OuterOf(type).Namespace;
        if (ns is null || !ns.StartsWith("Kalkan.", StringComparison.Ordinal)) return null;
        // The compiled EF Core models are written by `dotnet ef` from every feature's own configuration
        // and name each entity by design; CompiledModelTests hold them to that configuration.
        if (ns.StartsWith(CompiledModels, StringComparison.Ordinal)) return null;
        return ns.Split('.')[1];
    }

    /// <summary>
    /// The .cshtml a compiled view came from ("/Circles/Pages/Calls.cshtml"), null for any other type.
    /// The Razor compiler puts a view's class in a namespace of its own (AspNetCoreGeneratedDocument),
    /// so only this attribute it writes on the class says whose folder the view's body belongs to.
    /// </summary>
    public static string? ViewPath(Type type) =>
        OuterOf(type).GetCustomAttributes<RazorCompiledItemMetadataAttribute>(inherit: false).FirstOrDefault(a => a.Key == "Identifier")?.Value;

    /// <summary>The classes the Razor compiler made of the assembly's .cshtml files, as it lists them for the runtime.</summary>
    public static IEnumerable<Type> CompiledViews(Assembly assembly) =>
        assembly.GetCustomAttributes<RazorCompiledItemAttribute>().Select(item => item.Type);

    static Type OuterOf(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type.IsGenericType && !type.IsGenericTypeDefinition ? type.GetGenericTypeDefinition() : type;
    }

    static IEnumerable<Type> Used(Type type)
    {
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            found.Add(t);
            if (t.IsGenericType && !t.IsGenericTypeDefinition) foreach (var arg in t.GetGenericArguments()) Add(arg);
        }
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var f in type.GetFields(All)) Add(f.FieldType);
        foreach (var p in type.GetProperties(All)) Add(p.PropertyType);
        foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (m is MethodInfo mi) Add(mi.ReturnType);
            foreach (var p in m.GetParameters()) Add(p.ParameterType);
            foreach (var t in InBody(m)) Add(t);
        }
        return found;
    }

    /// <summary>The types a method's IL names: the declaring types of the methods and fields it touches, and the types it names.</summary>
    static IEnumerable<Type> InBody(MethodBase method)
    {
        foreach (var member in Named(method))
        {
            if (member is Type t) yield return t;
            else if (member.DeclaringType is { } declaring) yield return declaring;
            if (member is MethodInfo called) yield return called.ReturnType;
        }
    }

    /// <summary>
    /// Every (calling type, called method) of an assembly whose caller's namespace ends in ".Pages"
    /// or which was compiled from a .cshtml: what the page models and the view bodies call, async
    /// state machines and lambdas included (they are nested in the page or the view).
    /// </summary>
    public static IEnumerable<(Type Page, MethodBase Called)> CallsFromPages(Assembly assembly) =>
        from type in assembly.GetTypes()
        where OuterOf(type).Namespace?.EndsWith(".Pages", StringComparison.Ordinal) == true || ViewPath(type) is not null
        from method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All))
        from member in Named(method)
        where member is MethodBase
        select (OuterOf(type), (MethodBase)member);

    /// <summary>The members (types, methods, fields) a method's IL names by token.</summary>
    static IEnumerable<MemberInfo> Named(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception) { yield break; }
        if (il is null) yield break;
        var module = method.Module;
        Type[]? typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            OpCode op;
            if (il[i] == 0xFE) { op = OpCodesByValue[unchecked((short)(0xFE00 | il[i + 1]))]; i += 2; }
            else { op = OpCodesByValue[il[i]]; i += 1; }
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                {
                    var token = BitConverter.ToInt32(il, i);
                    i += 4;
                    MemberInfo? member = null;
                    try { member = module.ResolveMember(token, typeArgs, methodArgs); }
                    catch (Exception) { }
                    if (member is not null) yield return member;
                    break;
                }
                default: i += 4; break;
            }
        }
    }
}
