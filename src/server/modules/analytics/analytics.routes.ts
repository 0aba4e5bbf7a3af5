import { router } from "../../lib/http.ts";

export const analyticsRoutes = router();
