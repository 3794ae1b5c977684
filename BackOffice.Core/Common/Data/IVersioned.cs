namespace BackOffice.Core.Common.Data;

/// <summary>
/// Optimistic concurrency: the version is checked on update and bumped on every save, so
/// two staff acting on the same row at once cannot both win.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}
