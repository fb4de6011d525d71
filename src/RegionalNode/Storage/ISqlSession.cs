using Regional.Node.Storage.Catalog;
using Regional.Node.Storage.Consent;
using Regional.Node.Storage.Federation;
using Regional.Node.Storage.Ledger;
using Regional.Node.Storage.Licenses;
using Regional.Node.Storage.Sharing;

namespace Regional.Node.Storage;

/// <summary>
/// A session of an SQL engine (<see cref="SqliteSession"/>, <see cref="Postgres.PostgresSession"/>): it is every
/// feature store at once, each implemented in its interface on the shared SQL (<see cref="ISqlStore"/>), so an
/// engine's session writes only its connection, its prepared commands and its transaction control.
/// </summary>
internal interface ISqlSession : IStoreSession,
    ISqlLogStore, ISqlRequestStore, ISqlLicenseStore, ISqlConsentStore, ISqlCatalogStore,
    ISqlAlarmStore, ISqlMirrorStore, ISqlCosignatureStore, ISqlStatusMapStore, ISqlSharingStore
{
    ILogStore IStoreSession.Log => this;

    IRequestStore IStoreSession.Requests => this;

    ILicenseStore IStoreSession.Licenses => this;

    IConsentStore IStoreSession.Consent => this;

    ICatalogStore IStoreSession.Catalog => this;

    IAlarmStore IStoreSession.Alarms => this;

    IMirrorStore IStoreSession.Mirrors => this;

    ICosignatureStore IStoreSession.Cosignatures => this;

    IStatusMapStore IStoreSession.StatusMap => this;

    ISharingStore IStoreSession.Sharing => this;
}
