// Reads the Analytics client id to pass it on to the shop's order form.
function analyticsClientId() {
  const value = Cookies.get("_ga");
  return value ? value.split(".").slice(-2).join(".") : null;
}
