// What a page needs from the official Dwolla SDK to create an exchange and an
// exchange session, through the SDK's standalone functions (its own recommendation
// for tree-shaking, see node_modules/dwolla/FUNCTIONS.md).
export { DwollaCore } from "dwolla/core.js";
export { customersExchangesCreate } from "dwolla/funcs/customersExchangesCreate.js";
export { customersExchangeSessionsCreate } from "dwolla/funcs/customersExchangeSessionsCreate.js";
