// The organisation's screens, loaded together on demand (see app/screens.tsx).
export { OrganisationScreen } from './OrganisationScreen';
export { ContentScreen } from './ContentScreen';
