import { router } from "../../lib/http.ts";

export const homeRoutes = router();
