namespace CustomerManager.Web.Localization;

/// <summary>
/// Marker for the shared resource files <c>Resources/Localization/SharedResource.{zh-CN,en}.resx</c>: every
/// user-facing string of the app, keyed by a stable name.
/// </summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<T> must be instantiable as a type argument
public sealed class SharedResource;
#pragma warning restore CA1052
