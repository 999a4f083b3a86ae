package open311

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"opinionwall/hub"
)

// The documents of GeoReport v2, with the standard's field names; one
// struct serves both formats.

type serviceDoc struct {
	XMLName     xml.Name `xml:"service" json:"-"`
	Code        string   `xml:"service_code" json:"service_code"`
	Name        string   `xml:"service_name" json:"service_name"`
	Description string   `xml:"description" json:"description"`
	Metadata    bool     `xml:"metadata" json:"metadata"`
	Type        string   `xml:"type" json:"type"`
	Keywords    string   `xml:"keywords" json:"keywords"`
	Group       string   `xml:"group" json:"group"`
}

type servicesDoc struct {
	XMLName  xml.Name     `xml:"services"`
	Services []serviceDoc `xml:"service"`
}

type attributeDoc struct{} // the station's services ask for no attributes

type definitionDoc struct {
	XMLName    xml.Name       `xml:"service_definition" json:"-"`
	Code       string         `xml:"service_code" json:"service_code"`
	Attributes []attributeDoc `xml:"attributes>attribute" json:"attributes"`
}

type requestDoc struct {
	XMLName           xml.Name `xml:"request" json:"-"`
	ID                string   `xml:"service_request_id" json:"service_request_id"`
	Status            string   `xml:"status" json:"status"`
	StatusNotes       string   `xml:"status_notes" json:"status_notes"`
	ServiceName       string   `xml:"service_name" json:"service_name"`
	ServiceCode       string   `xml:"service_code" json:"service_code"`
	Description       string   `xml:"description" json:"description"`
	AgencyResponsible string   `xml:"agency_responsible" json:"agency_responsible"`
	ServiceNotice     string   `xml:"service_notice" json:"service_notice"`
	Requested         string   `xml:"requested_datetime" json:"requested_datetime"`
	Updated           string   `xml:"updated_datetime" json:"updated_datetime"`
	Expected          string   `xml:"expected_datetime" json:"expected_datetime"`
}

type requestsDoc struct {
	XMLName  xml.Name     `xml:"service_requests"`
	Requests []requestDoc `xml:"request"`
}

// createdDoc answers POST requests and GET tokens.
type createdDoc struct {
	XMLName       xml.Name `xml:"request" json:"-"`
	ID            string   `xml:"service_request_id" json:"service_request_id"`
	Token         string   `xml:"token" json:"token"`
	ServiceNotice *string  `xml:"service_notice,omitempty" json:"service_notice,omitempty"`
	AccountID     *string  `xml:"account_id,omitempty" json:"account_id,omitempty"`
}

type createdListDoc struct {
	XMLName  xml.Name     `xml:"service_requests"`
	Requests []createdDoc `xml:"request"`
}

type errorDoc struct {
	XMLName     xml.Name `xml:"error" json:"-"`
	Code        int      `xml:"code" json:"code"`
	Description string   `xml:"description" json:"description"`
}

type errorsDoc struct {
	XMLName xml.Name   `xml:"errors"`
	Errors  []errorDoc `xml:"error"`
}

// China Standard Time: the station's times are written in it.
var cst = time.FixedZone("CST", 8*3600)

func geoTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(cst).Format(time.RFC3339)
}

func serviceOf(s hub.GeoService) serviceDoc {
	return serviceDoc{Code: s.Code, Name: s.Name, Description: s.Description, Type: "realtime",
		Keywords: strings.Join(s.Keywords, ","), Group: s.Group}
}

func requestOf(r hub.GeoRequest) requestDoc {
	return requestDoc{ID: r.ID, Status: r.Status, StatusNotes: r.StatusNotes, ServiceName: r.ServiceName, ServiceCode: r.ServiceCode,
		Description: r.Description, AgencyResponsible: r.AgencyResponsible, Requested: geoTime(r.Requested),
		Updated: geoTime(r.Updated), Expected: geoTime(r.Expected)}
}

// write sends a document in the format asked for: for JSON, list is what
// goes out (the standard's arrays), for XML, doc (its root element).
func write(w http.ResponseWriter, format string, status int, list, doc any) {
	if format == "xml" {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.WriteHeader(status)
		w.Write([]byte(xml.Header))
		enc := xml.NewEncoder(w)
		enc.Encode(doc)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(list)
}
