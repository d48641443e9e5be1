using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace DebiasKit;

/// <summary>
/// Makes the kit's dependencies load once, into the default load context, when DebiasKit.dll is loaded by path
/// into a notebook kernel (<c>#r "../../artifacts/kit/DebiasKit.dll"</c>).
/// <para>
/// The C# kernel (Roslyn's interactive loader) gives every assembly it loads by path a load context of its own and,
/// when the default context cannot resolve a dependency, loads it again from the folder. A library referenced at two
/// versions (FSharp.Core, used by Plotly.NET at 10.1 and by Giraffe.ViewEngine at 5.0) is then loaded twice, and the
/// two copies' types do not match (MissingMethodException inside Plotly.NET). Resolving unresolved names from the
/// kit folder into the default context first, as an application's deps.json would, keeps one copy of each.
/// </para>
/// </summary>
internal static class KitAssemblyResolver
{
    private static readonly string Folder = Path.GetDirectoryName(typeof(KitAssemblyResolver).Assembly.Location) ?? "";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Must run before the kit's first dependency is resolved in a notebook kernel.")]
    internal static void Register()
    {
        if (Folder.Length == 0) return;   // loaded from a stream: nothing to resolve from
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null) return null;
        var candidate = Path.Combine(Folder, name.Name + ".dll");
        if (!File.Exists(candidate)) return null;
        // One copy per simple name: reuse whatever the default context already holds under that name.
        foreach (var loaded in context.Assemblies)
            if (string.Equals(loaded.GetName().Name, name.Name, StringComparison.OrdinalIgnoreCase)) return loaded;
        return context.LoadFromAssemblyPath(candidate);
    }
}
