// The redirect URL registered for provider sessions (`/callback`): hands the provider's
// query (`?exchange=`, `?error=`, `?exchangeSession=&status=&…Token=`) to the demo page,
// which reads it with the package and carries on where the flow stopped.
const target = `/${location.search}#providers`;
document.getElementById('back')?.setAttribute('href', target);
location.replace(target);
